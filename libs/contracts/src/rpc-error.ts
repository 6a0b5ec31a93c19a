/**
 * The error half of a request-reply answer. `code` is stable and machine-readable; the gateway
 * maps it to an HTTP status and a problem+json body.
 */
export interface RpcErrorBody {
  code: string;
  message: string;
  /** e.g. the offending fields of a validation error: `[{field, messages}]`. */
  details?: unknown;
}

export type RpcReply<T> = { ok: true; data: T } | { ok: false; error: RpcErrorBody };

/** Codes every service may answer with; features add their own (`CREDENTIAL_NOT_FOUND`, …). */
export const RpcErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  Internal: 'INTERNAL',
  Unavailable: 'SERVICE_UNAVAILABLE',
  Timeout: 'SERVICE_TIMEOUT',
} as const;
