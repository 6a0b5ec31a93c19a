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
} from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';
import type { Page } from '../http/pagination';
import type { DeletedIntegrationDto, IntegrationDto, IntegrationTestResultDto } from './integration-view.dto';
import type { CreateIntegrationDto, ListIntegrationsQuery, UpdateIntegrationDto } from './integrations.dto';
import { toCreateRequest, toIntegrationDto, toRunDto, toUpdateRequest } from './integrations.mapper';
import type { ListRunsQuery, RunDto } from './runs.dto';
import { fromSyncService } from './sync-errors';

/** Calls the integration-sync service's `sync.integrations.*` / `sync.runs.*` and answers in snake_case. */
@Injectable()
export class IntegrationsService {
  constructor(private readonly rpc: RpcClient) {}

  async create(body: CreateIntegrationDto, actor: string): Promise<IntegrationDto> {
    return toIntegrationDto(await fromSyncService(this.rpc.request(SyncIntegrationsCreate, toCreateRequest(body, actor))));
  }

  async list(query: ListIntegrationsQuery): Promise<Page<IntegrationDto>> {
    const page = await fromSyncService(this.rpc.request(SyncIntegrationsList, { limit: query.limit, cursor: query.cursor, status: query.status }));
    return { data: page.data.map(toIntegrationDto), next_cursor: page.nextCursor };
  }

  async get(integrationId: string): Promise<IntegrationDto> {
    return toIntegrationDto(await fromSyncService(this.rpc.request(SyncIntegrationsGet, { integrationId })));
  }

  async update(integrationId: string, body: UpdateIntegrationDto, actor: string): Promise<IntegrationDto> {
    const request = toUpdateRequest(integrationId, body, actor);
    return toIntegrationDto(await fromSyncService(this.rpc.request(SyncIntegrationsUpdate, request)));
  }

  async delete(integrationId: string, actor: string): Promise<DeletedIntegrationDto> {
    const { deleted } = await fromSyncService(this.rpc.request(SyncIntegrationsDelete, { integrationId, actor }));
    return { id: integrationId, deleted };
  }

  async launch(integrationId: string, actor: string): Promise<IntegrationDto> {
    return toIntegrationDto(await fromSyncService(this.rpc.request(SyncIntegrationsLaunch, { integrationId, actor })));
  }

  async pause(integrationId: string, actor: string): Promise<IntegrationDto> {
    return toIntegrationDto(await fromSyncService(this.rpc.request(SyncIntegrationsPause, { integrationId, actor })));
  }

  async test(integrationId: string): Promise<IntegrationTestResultDto> {
    const r = await fromSyncService(this.rpc.request(SyncIntegrationsTest, { integrationId }));
    return {
      integration_id: r.integrationId,
      ok: r.ok,
      ...(r.status !== undefined ? { status: r.status } : {}),
      message: r.message,
      endpoint: r.endpoint,
      tested_at: r.testedAt,
    };
  }

  async runNow(integrationId: string, actor: string): Promise<RunDto> {
    return toRunDto(await fromSyncService(this.rpc.request(SyncRunsStart, { integrationId, actor })));
  }

  /** The service lists runs of any id (an unknown one has none); the API answers 404 for an unknown integration. */
  async listRuns(integrationId: string, query: ListRunsQuery): Promise<Page<RunDto>> {
    await this.get(integrationId);
    const page = await fromSyncService(
      this.rpc.request(SyncRunsList, { integrationId, status: query.status, limit: query.limit, cursor: query.cursor }),
    );
    return { data: page.data.map(toRunDto), next_cursor: page.nextCursor };
  }

  async getRun(runId: string): Promise<RunDto> {
    return toRunDto(await fromSyncService(this.rpc.request(SyncRunsGet, { runId })));
  }
}
