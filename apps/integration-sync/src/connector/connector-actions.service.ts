import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ConnectorTestCredentialResult } from '@seatkeeper/contracts';
import {
  PAGERDUTY_BASE_URLS,
  PagerDutyApiError,
  PagerDutyAuthError,
  PagerDutyError,
  PagerDutyUnavailableError,
  type PagerDutyConnector,
} from '@seatkeeper/connector-pagerduty';
import { RpcException } from '@seatkeeper/platform-messaging';
import { IntegrationSyncEnv } from '../config/integration-sync.env';
import { CredentialResolver, CredentialUnavailableError } from '../credentials/credential.resolver';
import { integrationNotFound } from '../integrations/integration.exception';
import { IntegrationsRepository } from '../integrations/integrations.repository';
import { ConnectorFactory } from './connector.factory';

/** Codes a connector action answers with besides NOT_FOUND. */
export const ConnectorErrorCode = {
  AuthFailed: 'VENDOR_AUTH_FAILED',
  Unavailable: 'VENDOR_UNAVAILABLE',
  VendorError: 'VENDOR_ERROR',
  CredentialUnavailable: 'CREDENTIAL_UNAVAILABLE',
} as const;

/** Runs a PagerDuty action with an integration's credential, sharing the credential's rate budget with its syncs. */
@Injectable()
export class ConnectorActionsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly integrations: IntegrationsRepository,
    private readonly credentials: CredentialResolver,
    private readonly connectors: ConnectorFactory,
    private readonly env: IntegrationSyncEnv,
  ) {}

  /** `credentialId`: a workflow block's own vault credential, in place of the integration's. */
  async withIntegration<T>(integrationId: string, action: (c: PagerDutyConnector) => Promise<T>, credentialId?: string): Promise<T> {
    const integration = await this.integrations.find(this.orm.em.fork(), integrationId);
    if (!integration) throw integrationNotFound(integrationId);
    try {
      const credential = credentialId
        ? await this.credentials.fromVault(credentialId, { integrationId, purpose: 'workflow-step' })
        : await this.credentials.forIntegration(integration, { purpose: 'workflow-step' });
      return await action(this.connectors.pagerDuty({ region: integration.region, baseUrl: integration.base_url }, credential));
    } catch (e) {
      throw toRpc(e);
    }
  }

  /** One harmless `GET /users?limit=1`; a vendor refusal is an answer (`ok: false`), not an error. */
  async testCredential(credentialId: string): Promise<ConnectorTestCredentialResult> {
    let credential;
    try {
      credential = await this.credentials.fromVault(credentialId, { purpose: 'credential-test' });
    } catch (e) {
      throw toRpc(e);
    }
    const connector = this.connectors.pagerDuty({ region: 'us', baseUrl: this.env.SYNC_PAGERDUTY_BASE_URL ?? PAGERDUTY_BASE_URLS.us }, credential);
    const result = await connector.testCredential();
    if (result.ok) return { ok: true, status: 200, message: 'OK' };
    return { ok: false, ...(result.status !== null ? { status: result.status } : {}), message: result.message };
  }
}

function toRpc(e: unknown): unknown {
  if (e instanceof RpcException) return e;
  if (e instanceof CredentialUnavailableError) return new RpcException(ConnectorErrorCode.CredentialUnavailable, e.message);
  if (e instanceof PagerDutyAuthError) return new RpcException(ConnectorErrorCode.AuthFailed, e.message);
  if (e instanceof PagerDutyUnavailableError) return new RpcException(ConnectorErrorCode.Unavailable, e.message);
  if (e instanceof PagerDutyApiError) return new RpcException(ConnectorErrorCode.VendorError, e.message, { status: e.status, reasons: e.reasons });
  if (e instanceof PagerDutyError) return new RpcException(ConnectorErrorCode.VendorError, e.message);
  return e;
}
