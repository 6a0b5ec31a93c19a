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

/** The outcome of testing an integration's credential where the integration will use it. */
export interface IntegrationTestResult {
  integrationId: string;
  /** True when the vendor answered 2xx. */
  ok: boolean;
  /** The vendor's HTTP status; absent when the vendor could not be reached. */
  status?: number;
  /** `OK`, or the vendor's error message (never a secret). */
  message: string;
  /** The base URL that was called: the integration's base URL, or its region's host. */
  endpoint: string;
  testedAt: string;
}

/**
 * One harmless vendor call (PagerDuty: `GET /users?limit=1`) with the integration's credential
 * (vault or local secret) against the integration's region and base URL. A vendor refusal is an
 * answer (`ok: false`); `NOT_FOUND` for an unknown integration.
 */
export const SyncIntegrationsTest = defineRequest<IntegrationTestResult>('sync.integrations.test', IntegrationIdRequest, 'integration-sync');
