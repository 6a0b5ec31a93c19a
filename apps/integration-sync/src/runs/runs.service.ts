import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RpcErrorCode, type ListRunsRequest, type RunView, type SyncPage } from '@seatkeeper/contracts';
import { RpcException } from '@seatkeeper/platform-messaging';
import { IntegrationErrorCode, integrationNotFound, validationFailed } from '../integrations/integration.exception';
import { IntegrationsRepository } from '../integrations/integrations.repository';
import { toRunView, type RunRow } from './run.row';
import { RunWorker } from './run.worker';
import { RunsRepository } from './runs.repository';

@Injectable()
export class RunsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly runs: RunsRepository,
    private readonly integrations: IntegrationsRepository,
    private readonly worker: RunWorker,
  ) {}

  /** "Run now": queues a manual run; 409 (`CONFLICT`) while one is going. */
  async start(integrationId: string): Promise<RunView> {
    const run = await this.orm.em.fork().transactional(async (em) => {
      const integration = await this.integrations.find(em, integrationId);
      if (!integration) throw integrationNotFound(integrationId);
      if (integration.status !== 'active') {
        throw new RpcException(IntegrationErrorCode.NotActive, `Integration ${integrationId} is ${integration.status}; launch it before running it`);
      }
      const queued = await this.runs.queue(em, integrationId, integration.runner_pool, 'manual');
      if (queued) return queued;
      const going = await this.runs.activeFor(em, integrationId);
      throw new RpcException(RpcErrorCode.Conflict, `A run of integration ${integrationId} is already going${going ? ` (run ${going.id}, ${going.status})` : ''}`, {
        runId: going?.id,
      });
    });
    this.worker.poke();
    return toRunView(run);
  }

  async get(runId: string): Promise<RunView> {
    const run = await this.runs.find(this.orm.em.fork(), runId);
    if (!run) throw new RpcException(RpcErrorCode.NotFound, `Run ${runId} does not exist`);
    return toRunView(run);
  }

  async list(req: ListRunsRequest): Promise<SyncPage<RunView>> {
    const limit = req.limit ?? 50;
    const rows = await this.runs.list(this.orm.em.fork(), { integrationId: req.integrationId, status: req.status, limit: limit + 1, after: decodeCursor(req.cursor) });
    const page = rows.slice(0, limit);
    const tail = page[page.length - 1];
    return { data: page.map(toRunView), nextCursor: rows.length > limit && tail ? encodeCursor(tail) : null };
  }
}

function encodeCursor(r: RunRow): string {
  return Buffer.from(JSON.stringify({ q: new Date(r.queued_at).toISOString(), i: r.id })).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { queuedAt: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { q?: unknown; i?: unknown };
    if (typeof v.q === 'string' && typeof v.i === 'string' && /^[0-9a-f-]{36}$/.test(v.i)) return { queuedAt: v.q, id: v.i };
  } catch {
    // fall through
  }
  throw validationFailed(['cursor is not a cursor this service issued']);
}
