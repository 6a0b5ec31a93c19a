import { defineRequest } from '../../define-request';
import {
  CreateIntegrationRequest,
  IntegrationIdRequest,
  ListIntegrationsRequest,
  UpdateIntegrationRequest,
  type IntegrationView,
  type SyncPage,
} from './integration.dto';

/** Creates a draft integration. `VALIDATION_FAILED` names every problem (unknown vendor, bad schedule, missing credential…). */
export const SyncIntegrationsCreate = defineRequest<IntegrationView>('sync.integrations.create', CreateIntegrationRequest, 'integration-sync');
export const SyncIntegrationsGet = defineRequest<IntegrationView>('sync.integrations.get', IntegrationIdRequest, 'integration-sync');
export const SyncIntegrationsList = defineRequest<SyncPage<IntegrationView>>('sync.integrations.list', ListIntegrationsRequest, 'integration-sync');
export const SyncIntegrationsUpdate = defineRequest<IntegrationView>('sync.integrations.update', UpdateIntegrationRequest, 'integration-sync');
/** Refused with `CONFLICT` while a run is going. */
export const SyncIntegrationsDelete = defineRequest<{ deleted: boolean }>('sync.integrations.delete', IntegrationIdRequest, 'integration-sync');
/**
 * draft|paused → active. Refused with `INTEGRATION_NOT_READY` (details.missing: what the mapping
 * lacks, per `mapping.definitions.check`) or `SERVICE_UNAVAILABLE` when mapping cannot say.
 */
export const SyncIntegrationsLaunch = defineRequest<IntegrationView>('sync.integrations.launch', IntegrationIdRequest, 'integration-sync');
/** active → paused: the schedule stops; a run in progress finishes. */
export const SyncIntegrationsPause = defineRequest<IntegrationView>('sync.integrations.pause', IntegrationIdRequest, 'integration-sync');
