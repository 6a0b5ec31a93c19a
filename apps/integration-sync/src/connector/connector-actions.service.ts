import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ConnectorTestCredentialResult, IntegrationTestResult, SamplePageResult } from '@seatkeeper/contracts';
import { ConnectorError, type Connector, type ConnectorCredential, type ConnectorTarget } from '@seatkeeper/connector-kit';
import { IntegrationSyncEnv } from '../config/integration-sync.env';
import { CredentialResolver, CredentialUnavailableError } from '../credentials/credential.resolver';
import { integrationNotFound } from '../integrations/integration.exception';
import { IntegrationsRepository } from '../integrations/integrations.repository';
import { toRpc } from './connector-error.rpc';
import { credentialTestBaseUrl } from './connector-registrations';
import { SyncConnectorRegistry } from './sync-connector.registry';

/** Enough records for every field to show a sample, few enough to be one quick call. */
const SAMPLE_PAGE_SIZE = 25;

/** Runs a connector action with an integration's credential, sharing the credential's rate budget with its syncs. */
@Injectable()
export class ConnectorActionsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly integrations: IntegrationsRepository,
    private readonly credentials: CredentialResolver,
    private readonly connectors: SyncConnectorRegistry,
    private readonly env: IntegrationSyncEnv,
  ) {}

  /** `credentialId`: a workflow block's own vault credential, in place of the integration's. */
  async withIntegration<T>(integrationId: string, action: (c: Connector) => Promise<T>, credentialId?: string): Promise<T> {
    const integration = await this.integrations.find(this.orm.em.fork(), integrationId);
    if (!integration) throw integrationNotFound(integrationId);
    try {
      const credential = credentialId
        ? await this.credentials.fromVault(credentialId, { integrationId, purpose: 'workflow-step' })
        : await this.credentials.forIntegration(integration, { purpose: 'workflow-step' });
      return await action(this.connectors.connect(integration.vendor, { region: integration.region, baseUrl: integration.base_url }, credential));
    } catch (e) {
      throw toRpc(e);
    }
  }

  /**
   * One harmless call with a vault credential, against the region or base URL the caller names (the
   * one it will be used with), else the configured default (SYNC_PAGERDUTY_BASE_URL for PagerDuty),
   * else the vendor's US host. A vendor refusal is an answer (`ok: false`), not an error; the answer
   * names the endpoint called.
   */
  async testCredential(vendor: string, req: { credentialId: string; region?: ConnectorTarget['region']; baseUrl?: string }): Promise<ConnectorTestCredentialResult> {
    let credential;
    try {
      credential = await this.credentials.fromVault(req.credentialId, { purpose: 'credential-test' });
    } catch (e) {
      throw toRpc(e);
    }
    // A null base URL is the region's own host.
    const baseUrl = req.baseUrl ?? (req.region ? null : (credentialTestBaseUrl(vendor, this.env) ?? null));
    return this.check(vendor, { region: req.region ?? 'us', baseUrl }, credential);
  }

  /** The same test with an integration's own credential (vault or local secret), region and base URL. */
  async testIntegration(integrationId: string): Promise<IntegrationTestResult> {
    const integration = await this.integrations.find(this.orm.em.fork(), integrationId);
    if (!integration) throw integrationNotFound(integrationId);
    const target = { region: integration.region, baseUrl: integration.base_url };
    const endpoint = this.connectors.forVendor(integration.vendor).endpointOf(target);
    let result: ConnectorTestCredentialResult;
    try {
      const credential = await this.credentials.forIntegration(integration, { purpose: 'credential-test' });
      result = await this.check(integration.vendor, target, credential);
    } catch (e) {
      if (!(e instanceof CredentialUnavailableError)) throw e;
      result = { ok: false, message: e.message, endpoint };
    }
    return { integrationId, ...result, endpoint: result.endpoint ?? endpoint, testedAt: new Date().toISOString() };
  }

  /**
   * One small page of users, read as a run would (the integration's credential, region, base URL and
   * extras), for Smart Mapping before the first run. Nothing is stored or published.
   */
  async samplePage(integrationId: string): Promise<SamplePageResult> {
    const integration = await this.integrations.find(this.orm.em.fork(), integrationId);
    if (!integration) throw integrationNotFound(integrationId);
    const target = { region: integration.region, baseUrl: integration.base_url };
    const endpoint = this.connectors.forVendor(integration.vendor).endpointOf(target);
    const answer = { integrationId, vendor: integration.vendor };
    try {
      const credential = await this.credentials.forIntegration(integration, { purpose: 'mapping-sample' });
      const connector = this.connectors.connect(integration.vendor, target, credential);
      const page = await connector.nextUsersPage(connector.initialCursor(), integration.extras, SAMPLE_PAGE_SIZE);
      return { ...answer, records: page.records, endpoint };
    } catch (e) {
      if (!(e instanceof CredentialUnavailableError || e instanceof ConnectorError)) throw e;
      return { ...answer, records: [], endpoint, error: e.message };
    }
  }

  private async check(vendor: string, target: ConnectorTarget, credential: ConnectorCredential): Promise<ConnectorTestCredentialResult> {
    const connector = this.connectors.connect(vendor, target, credential);
    const endpoint = connector.endpoint;
    const result = await connector.testCredential();
    if (result.ok) return { ok: true, status: 200, message: 'OK', endpoint };
    return { ok: false, ...(result.status !== null ? { status: result.status } : {}), message: result.message, endpoint };
  }
}
