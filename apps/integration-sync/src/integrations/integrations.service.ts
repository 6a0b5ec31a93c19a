import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  MappingDefinitionsCheck,
  RpcErrorCode,
  SYNC_VENDORS,
  type CreateIntegrationRequest,
  type IntegrationView,
  type ListIntegrationsRequest,
  type SyncPage,
  type SyncVendor,
  type UpdateIntegrationRequest,
} from '@seatkeeper/contracts';
import { RpcClient, RpcException } from '@seatkeeper/platform-messaging';
import { v7 as uuidv7 } from 'uuid';
import { SyncConnectorRegistry } from '../connector/sync-connector.registry';
import { IntegrationErrorCode, integrationNotFound, validationFailed } from './integration.exception';
import { toIntegrationView, type IntegrationRow } from './integration.row';
import { IntegrationsRepository } from './integrations.repository';
import { RunsRepository } from '../runs/runs.repository';
import { nextRunAt, normaliseSchedule } from './schedule';

const DEFAULT_POOL = 'default';

/** Integrations: create, read, update, delete, launch (after mapping says yes), pause. */
@Injectable()
export class IntegrationsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly repo: IntegrationsRepository,
    private readonly runs: RunsRepository,
    private readonly rpc: RpcClient,
    private readonly connectors: SyncConnectorRegistry,
  ) {}

  async create(req: CreateIntegrationRequest): Promise<IntegrationView> {
    const problems: string[] = [];
    if (!(SYNC_VENDORS as readonly string[]).includes(req.vendor)) {
      problems.push(`vendor "${req.vendor}" is not supported (supported: ${SYNC_VENDORS.join(', ')})`);
    }
    problems.push(...installationProblems(req.installationType, req.credentialId, req.localSecret));
    // An unsupported vendor is already a problem above; its base URL has no policy to be checked against.
    if (req.baseUrl !== undefined && this.connectors.has(req.vendor)) problems.push(...this.baseUrlProblems(req.vendor, req.baseUrl));
    const schedule = normaliseSchedule(req.schedule);
    if ('problems' in schedule) problems.push(...schedule.problems);
    if (problems.length || 'problems' in schedule) throw validationFailed(problems);
    const row = await this.orm.em.fork().transactional((em) =>
      this.repo.insert(em, {
        id: uuidv7(),
        name: req.name.trim(),
        vendor: req.vendor as SyncVendor, // checked against SYNC_VENDORS above
        record_type: req.recordType,
        installation_type: req.installationType,
        credential_id: req.installationType === 'cloud' ? (req.credentialId as string) : null,
        local_secret: req.installationType === 'local' && req.localSecret
          ? { kind: req.localSecret.kind, name: req.localSecret.name, authKind: req.localSecret.authKind ?? 'token' }
          : null,
        runner_pool: req.runnerPool ?? DEFAULT_POOL,
        region: req.region,
        base_url: req.baseUrl ?? null,
        preference: req.preference ?? 'create_update',
        schedule: schedule.schedule,
        extras: { teams: req.extras?.teams ?? false, licence: req.extras?.licence ?? false, lastSignIn: req.extras?.lastSignIn ?? false },
        created_by: req.actor ?? null,
      }),
    );
    return toIntegrationView(row);
  }

  /** Refused up front as well as at every request (where the check that counts is made). */
  private baseUrlProblems(vendor: string, baseUrl: string): string[] {
    try {
      this.connectors.forVendor(vendor).egress.checkBaseUrl(baseUrl);
      return [];
    } catch (e) {
      return [`baseUrl: ${(e as Error).message}`];
    }
  }

  async get(id: string): Promise<IntegrationView> {
    const em = this.orm.em.fork();
    const row = await this.repo.find(em, id);
    if (!row) throw integrationNotFound(id);
    const last = await this.repo.lastRuns(em, [id]);
    return toIntegrationView(row, last.get(id) ?? null);
  }

  async list(req: ListIntegrationsRequest): Promise<SyncPage<IntegrationView>> {
    const em = this.orm.em.fork();
    const limit = req.limit ?? 50;
    const rows = await this.repo.list(em, { limit: limit + 1, after: decodeCursor(req.cursor), status: req.status });
    const page = rows.slice(0, limit);
    const last = await this.repo.lastRuns(em, page.map((r) => r.id));
    const tail = page[page.length - 1];
    return {
      data: page.map((r) => toIntegrationView(r, last.get(r.id) ?? null)),
      nextCursor: rows.length > limit && tail ? encodeCursor(tail) : null,
    };
  }

  async update(req: UpdateIntegrationRequest): Promise<IntegrationView> {
    return this.orm.em.fork().transactional(async (em) => {
      const row = await this.repo.find(em, req.integrationId, true);
      if (!row) throw integrationNotFound(req.integrationId);
      const changes: Partial<Record<keyof IntegrationRow, unknown>> = {};
      const problems: string[] = [];
      if (req.name !== undefined) changes.name = req.name.trim();
      if (req.recordType !== undefined) changes.record_type = req.recordType;
      if (req.region !== undefined) changes.region = req.region;
      if (req.baseUrl !== undefined) {
        if (req.baseUrl !== '') problems.push(...this.baseUrlProblems(row.vendor, req.baseUrl));
        changes.base_url = req.baseUrl === '' ? null : req.baseUrl;
      }
      if (req.preference !== undefined) changes.preference = req.preference;
      if (req.runnerPool !== undefined) changes.runner_pool = req.runnerPool;
      if (req.credentialId !== undefined) {
        if (row.installation_type !== 'cloud') problems.push('credentialId applies to cloud integrations only');
        changes.credential_id = req.credentialId;
        changes.credential_rejected_at = null;
      }
      if (req.localSecret !== undefined) {
        if (row.installation_type !== 'local') problems.push('localSecret applies to local integrations only');
        changes.local_secret = { kind: req.localSecret.kind, name: req.localSecret.name, authKind: req.localSecret.authKind ?? 'token' };
      }
      if (req.extras !== undefined) changes.extras = { ...row.extras, ...req.extras };
      if (req.schedule !== undefined) {
        const schedule = normaliseSchedule(req.schedule);
        if ('problems' in schedule) problems.push(...schedule.problems);
        else {
          changes.schedule = schedule.schedule;
          if (row.status === 'active') changes.next_run_at = nextRunAt(schedule.schedule, new Date());
        }
      }
      if (problems.length) throw validationFailed(problems);
      const updated = await this.repo.update(em, row.id, changes);
      return toIntegrationView(updated);
    });
  }

  async delete(id: string): Promise<{ deleted: boolean }> {
    return this.orm.em.fork().transactional(async (em) => {
      const row = await this.repo.find(em, id, true);
      if (!row) throw integrationNotFound(id);
      const going = await this.runs.activeFor(em, id);
      if (going) throw new RpcException(RpcErrorCode.Conflict, `Integration ${id} has a run going (${going.id}, ${going.status}); pause it and wait, or try later`);
      return { deleted: await this.repo.delete(em, id) };
    });
  }

  /** draft|paused → active, once mapping confirms the mapping is complete. */
  async launch(id: string): Promise<IntegrationView> {
    const current = await this.repo.find(this.orm.em.fork(), id);
    if (!current) throw integrationNotFound(id);
    if (current.status === 'active') return this.get(id);
    let check: { ok: boolean; missing: string[] };
    try {
      check = await this.rpc.request(MappingDefinitionsCheck, { integrationId: id });
    } catch (e) {
      const reason = e instanceof RpcException ? e.message : (e as Error).message;
      throw new RpcException(RpcErrorCode.Unavailable, `Cannot launch: the mapping service could not confirm that the mapping is complete (${reason})`);
    }
    if (!check.ok) {
      throw new RpcException(IntegrationErrorCode.NotReady, `Cannot launch: the mapping is incomplete: ${check.missing.join('; ')}`, { missing: check.missing });
    }
    return this.orm.em.fork().transactional(async (em) => {
      const row = await this.repo.find(em, id, true);
      if (!row) throw integrationNotFound(id);
      const updated = await this.repo.update(em, id, { status: 'active', next_run_at: nextRunAt(row.schedule, new Date()) });
      return toIntegrationView(updated);
    });
  }

  async pause(id: string): Promise<IntegrationView> {
    return this.orm.em.fork().transactional(async (em) => {
      const row = await this.repo.find(em, id, true);
      if (!row) throw integrationNotFound(id);
      if (row.status === 'draft') throw new RpcException(IntegrationErrorCode.NotActive, `Integration ${id} is a draft; launch it first`);
      const updated = await this.repo.update(em, id, { status: 'paused', next_run_at: null });
      return toIntegrationView(updated);
    });
  }

  async referencingCredential(credentialId: string): Promise<{ id: string; name: string }[]> {
    return this.repo.referencingCredential(this.orm.em.fork(), credentialId);
  }
}

function installationProblems(type: string, credentialId: string | undefined, localSecret: unknown): string[] {
  if (type === 'cloud') {
    const out = credentialId ? [] : ['credentialId is required for a cloud integration (the vault credential to use)'];
    if (localSecret) out.push('localSecret applies to local integrations only');
    return out;
  }
  const out = localSecret ? [] : ['localSecret {kind: env|file, name} is required for a local integration'];
  if (credentialId) out.push('credentialId applies to cloud integrations only; a local secret never leaves its runner');
  return out;
}

function encodeCursor(row: IntegrationRow): string {
  return Buffer.from(JSON.stringify({ c: new Date(row.created_at).toISOString(), i: row.id })).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { createdAt: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { c?: unknown; i?: unknown };
    if (typeof v.c === 'string' && typeof v.i === 'string' && /^[0-9a-f-]{36}$/.test(v.i)) return { createdAt: v.c, id: v.i };
  } catch {
    // fall through
  }
  throw validationFailed(['cursor is not a cursor this service issued']);
}
