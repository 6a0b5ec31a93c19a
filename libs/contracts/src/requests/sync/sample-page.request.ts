import { defineRequest } from '../../define-request';
import { IntegrationIdRequest } from './integration.dto';

/** One page of an integration's records as the connector reads them, for Smart Mapping before any run. */
export interface SamplePageResult {
  integrationId: string;
  vendor: string;
  /** Records in vendor shape with the integration's extras, as a run would send them; empty when the read failed. */
  records: Record<string, unknown>[];
  /** The base URL that was read. */
  endpoint: string;
  /** Why no records could be read (the vendor refused the credential, was unreachable…); absent on success. */
  error?: string;
}

/**
 * Reads ONE small page of users from the vendor through the integration's credential (vault or
 * local), with the integration's extras, and returns it. Nothing is stored and nothing is sent to
 * mapping's directory: it is what Smart Mapping shows an admin before the first run.
 * `NOT_FOUND` for an unknown integration; a vendor failure is an answer with `error`.
 */
export const SyncIntegrationsSamplePage = defineRequest<SamplePageResult>('sync.integrations.sample-page', IntegrationIdRequest, 'integration-sync');
