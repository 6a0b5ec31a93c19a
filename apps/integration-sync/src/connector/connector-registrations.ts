import type { ConnectorRegistration } from '@seatkeeper/connector-kit';
import { pagerDutyConnectorRegistration } from '@seatkeeper/connector-pagerduty';
import type { IntegrationSyncEnv } from '../config/integration-sync.env';

/**
 * The vendors this service syncs: the one place it names a connector library. A new vendor is one
 * line here (its library under libs/connectors/<vendor>) and its id in the contracts' SYNC_VENDORS.
 */
export const CONNECTOR_REGISTRATIONS: readonly ConnectorRegistration[] = [pagerDutyConnectorRegistration];

/**
 * The vendor the `sync.connector.pagerduty.*` subjects serve. The subjects (public RPC API) name it;
 * the actions on an integration use the integration's own vendor, but the vault's credential test
 * names no integration, so it takes the vendor from here.
 */
export const ACTIONS_SUBJECT_VENDOR = pagerDutyConnectorRegistration.vendor;

/**
 * Where a credential test that names neither a region nor a base URL goes. PagerDuty-specific
 * config (SYNC_PAGERDUTY_BASE_URL), kept because the vault's test on save names no host; other
 * vendors use their own US/default host.
 */
export function credentialTestBaseUrl(vendor: string, env: IntegrationSyncEnv): string | undefined {
  return vendor === pagerDutyConnectorRegistration.vendor ? env.SYNC_PAGERDUTY_BASE_URL : undefined;
}
