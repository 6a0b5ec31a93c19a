import { Injectable } from '@nestjs/common';
import {
  SyncIntegrationsCreate,
  SyncIntegrationsDelete,
  SyncIntegrationsGet,
  SyncIntegrationsLaunch,
  SyncIntegrationsList,
  SyncIntegrationsPause,
  SyncIntegrationsTest,
  SyncIntegrationsUpdate,
  SyncRunsGet,
  SyncRunsList,
  SyncRunsStart,
  type RunView,
} from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';
import type { Page } from '../http/pagination';
import { toCamelCase, toSnakeCase } from '../http/public-names';
import type { DeletedIntegrationDto, IntegrationDto, IntegrationTestResultDto } from './integration-view.dto';
import type { CreateIntegrationDto, ListIntegrationsQuery, UpdateIntegrationDto } from './integrations.dto';
import type { ListRunsQuery, RunDto } from './runs.dto';
import { fromSyncService } from './sync-errors';

/** Deliberate: a run's answer adds `duration_ms` (finished_at − started_at), which the contract leaves to the reader. */
function toRunDto(r: RunView): RunDto {
  return { ...toSnakeCase(r), duration_ms: r.startedAt && r.finishedAt ? Date.parse(r.finishedAt) - Date.parse(r.startedAt) : null };
}

/** Calls the integration-sync service's `sync.integrations.*` / `sync.runs.*` and answers in snake_case. */
@Injectable()
export class IntegrationsService {
  constructor(private readonly rpc: RpcClient) {}

  async create(body: CreateIntegrationDto, actor: string): Promise<IntegrationDto> {
    return toSnakeCase(await fromSyncService(this.rpc.request(SyncIntegrationsCreate, { ...toCamelCase(body), actor })));
  }

  async list(query: ListIntegrationsQuery): Promise<Page<IntegrationDto>> {
    return toSnakeCase(await fromSyncService(this.rpc.request(SyncIntegrationsList, toCamelCase(query))));
  }

  async get(integrationId: string): Promise<IntegrationDto> {
    return toSnakeCase(await fromSyncService(this.rpc.request(SyncIntegrationsGet, { integrationId })));
  }

  async update(integrationId: string, body: UpdateIntegrationDto, actor: string): Promise<IntegrationDto> {
    return toSnakeCase(await fromSyncService(this.rpc.request(SyncIntegrationsUpdate, { ...toCamelCase(body), integrationId, actor })));
  }

  async delete(integrationId: string, actor: string): Promise<DeletedIntegrationDto> {
    const { deleted } = await fromSyncService(this.rpc.request(SyncIntegrationsDelete, { integrationId, actor }));
    return { id: integrationId, deleted };
  }

  async launch(integrationId: string, actor: string): Promise<IntegrationDto> {
    return toSnakeCase(await fromSyncService(this.rpc.request(SyncIntegrationsLaunch, { integrationId, actor })));
  }

  async pause(integrationId: string, actor: string): Promise<IntegrationDto> {
    return toSnakeCase(await fromSyncService(this.rpc.request(SyncIntegrationsPause, { integrationId, actor })));
  }

  async test(integrationId: string): Promise<IntegrationTestResultDto> {
    return toSnakeCase(await fromSyncService(this.rpc.request(SyncIntegrationsTest, { integrationId })));
  }

  async runNow(integrationId: string, actor: string): Promise<RunDto> {
    return toRunDto(await fromSyncService(this.rpc.request(SyncRunsStart, { integrationId, actor })));
  }

  /** The service lists runs of any id (an unknown one has none); the API answers 404 for an unknown integration. */
  async listRuns(integrationId: string, query: ListRunsQuery): Promise<Page<RunDto>> {
    await this.get(integrationId);
    const page = await fromSyncService(this.rpc.request(SyncRunsList, { ...toCamelCase(query), integrationId }));
    return { data: page.data.map(toRunDto), next_cursor: page.nextCursor };
  }

  async getRun(runId: string): Promise<RunDto> {
    return toRunDto(await fromSyncService(this.rpc.request(SyncRunsGet, { runId })));
  }
}
