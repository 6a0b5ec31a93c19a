import { defineRequest } from '../../define-request';
import type { SyncPage } from './integration.dto';
import { ListRunsRequest, RunIdRequest, StartRunRequest, type RunView } from './runs.dto';

/** "Run now" (operators). `CONFLICT` while another run of the integration is going; `INTEGRATION_NOT_ACTIVE` for a draft or paused one. */
export const SyncRunsStart = defineRequest<RunView>('sync.runs.start', StartRunRequest, 'integration-sync');
export const SyncRunsGet = defineRequest<RunView>('sync.runs.get', RunIdRequest, 'integration-sync');
export const SyncRunsList = defineRequest<SyncPage<RunView>>('sync.runs.list', ListRunsRequest, 'integration-sync');
