import type { UserRestoreResult } from '@seatkeeper/contracts';
/**
 * The vendor-neutral shape of a connector: what the sync runner and the workflow actions of
 * integration-sync need from a vendor, and nothing of how the vendor is reached.
 */

/** A user as the vendor sent it: `id` is guaranteed, every other field (known or not) is kept as sent. */
export type VendorUserRecord = Record<string, unknown> & { id: string };

/** Extras an integration asks for on each record (they cost extra calls). */
export interface UserExtras {
  teams: boolean;
  licence: boolean;
  lastSignIn: boolean;
}

export const NO_EXTRAS: UserExtras = { teams: false, licence: false, lastSignIn: false };

/**
 * Where an enumeration stands. The connector's own plain JSON (its parts, offsets, partitions…):
 * the runner stores it with each page's checkpoint and hands it back unchanged to resume after a
 * crash; it reads `done` and the vendor's `total` only.
 */
export interface UserCursor {
  readonly done: boolean;
  /** The vendor's count of users, once known (null until then, or if the vendor gives none). */
  readonly total: number | null;
}

export interface UserPage<C extends UserCursor = UserCursor> {
  /** Records of this page; they may repeat records of earlier pages (deduplicate by id). */
  records: VendorUserRecord[];
  /** The cursor of the next page. */
  cursor: C;
  /** Extras that could not be read (e.g. not on the vendor plan); the records carry null for them. */
  warnings: string[];
}

/** Whether a finished enumeration provably holds every user, and why not when it does not. */
export interface CompletenessVerdict {
  complete: boolean;
  reason?: string;
}

/** A harmless call with a credential: does the vendor accept it? A refusal is an answer, not an error. */
export type CredentialCheck = { ok: true } | { ok: false; status: number | null; message: string };

/**
 * Every user of an account, one page per call, resumable from any cursor it returned, and a
 * completeness proof at the end (a run is `complete` only when the connector says so).
 */
export interface UserEnumerator<C extends UserCursor = UserCursor> {
  initialCursor(): C;
  nextUsersPage(cursor: C, extras: UserExtras, pageSize?: number, signal?: AbortSignal): Promise<UserPage<C>>;
  /** `distinctFetched`: distinct user ids the caller kept across every page of the run. */
  judgeCompleteness(cursor: C, distinctFetched: number): CompletenessVerdict;
}

/** A user's id, role and identity, for the role-retrieval block. */
export interface UserSummary {
  id: string;
  role: string | null;
  email: string | null;
  name: string | null;
  /** ISO time of the last sign-in; null means the vendor has no data (never "inactive"). */
  lastSignInAt: string | null;
}

export interface BulkUsersResult {
  found: UserSummary[];
  /** Asked-for ids the vendor does not know (deleted upstream, or not yet visible). */
  missing: string[];
  /** Vendor calls made. */
  calls: number;
}

export type DeleteUserOutcome =
  | { outcome: 'deleted' }
  /** The user is already gone, which is what a delete wants. */
  | { outcome: 'already-absent' }
  /** The vendor refused, with its reasons. */
  | { outcome: 'refused'; reasons: string[]; message: string };

/**
 * What would block a delete. The workflow's delete preflight reads these lists; a vendor without
 * one of the notions (incidents, schedules, escalation policies) answers it empty.
 */
export interface DeletePreflight {
  userId: string;
  exists: boolean;
  openIncidents: { id: string; summary: string | null }[];
  schedules: { id: string; name: string | null }[];
  escalationPolicies: { id: string; name: string | null }[];
  /** True when nothing found blocks a delete. */
  clear: boolean;
}

/** The single-user reads and writes workflows use; each call spends the same rate budget as a sync. */
export interface UserActions {
  /** The user with whatever a restore kit needs; null when the vendor does not know the id. */
  getUser(userId: string, signal?: AbortSignal): Promise<VendorUserRecord | null>;
  /** Many users by id (roles for role retrieval). */
  listUsersByIds(userIds: string[], signal?: AbortSignal): Promise<BulkUsersResult>;
  deleteUser(userId: string, signal?: AbortSignal): Promise<DeleteUserOutcome>;
  preflightDelete(userId: string, signal?: AbortSignal): Promise<DeletePreflight>;
}

/** What the vendor held for a user before a delete: its user object and the sub-objects a restore recreates. */
export interface UserRestoreKit {
  user: Record<string, unknown>;
  contactMethods: Record<string, unknown>[];
  notificationRules: Record<string, unknown>[];
  teams: Record<string, unknown>[];
}

/** One kit item that was not recreated, and why; what a restore did (the contracts' shapes, answered over RPC as they are). */
export type { RestoreSkip } from '@seatkeeper/contracts';
export type UserRestoreOutcome = UserRestoreResult;

/** Recreates a deleted user from its kit; safe to repeat (it looks before it writes). */
export interface UserRestore {
  restore(kit: UserRestoreKit, fromEmail?: string, signal?: AbortSignal): Promise<UserRestoreOutcome>;
}

/**
 * One vendor account reached with one credential. Its failures are `ConnectorError`s (read their
 * `kind`); anything else thrown is not the vendor's doing.
 */
export interface Connector<C extends UserCursor = UserCursor> extends UserEnumerator<C> {
  /** The vendor id it was registered under (`pagerduty`). */
  readonly vendor: string;
  /** The base URL its requests go to (shown to admins with a test's result). */
  readonly endpoint: string;
  /** Requests sent so far, retries included (a run counts them). */
  readonly stats: { readonly requests: number };
  readonly actions: UserActions;
  readonly restore: UserRestore;
  testCredential(signal?: AbortSignal): Promise<CredentialCheck>;
}
