import { MikroORM } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { SyncConnectorPagerDutyTestCredential, type ConnectorTestCredentialResult, type CredentialTestResult } from '@seatkeeper/contracts';
import { RpcClient, RpcException } from '@seatkeeper/platform-messaging';
import type { CredentialVaultEnv } from '../config/credential-vault.env';
import { CredentialRepository } from '../credentials/credential.repository';
import { credentialNotFound, VaultErrorCode, VaultException } from '../vault.exception';
import { VAULT_ENV } from '../vault-env.token';

/** The connector test per vendor: one harmless call the connector makes with the resolved credential. */
const CONNECTOR_TESTS: Record<string, typeof SyncConnectorPagerDutyTestCredential> = {
  pagerduty: SyncConnectorPagerDutyTestCredential,
};

/**
 * "Test on save": the vault asks the vendor's connector in integration-sync to try the credential.
 * The connector resolves it through `vault.credentials.resolve` like any other use, so the test is
 * in the access log and the plaintext still reaches only integration-sync.
 */
@Injectable()
export class CredentialTestService {
  constructor(
    private readonly orm: MikroORM,
    private readonly rpc: RpcClient,
    @Inject(VAULT_ENV) private readonly env: CredentialVaultEnv,
  ) {}

  /** `target`: the region or base URL the credential will be used with (an EU key fails against the US host). */
  async test(id: string, actor: string, target: { region?: 'us' | 'eu'; baseUrl?: string } = {}): Promise<CredentialTestResult> {
    const row = await CredentialRepository.find(this.orm.em.fork(), id);
    if (!row) throw credentialNotFound(id);
    const definition = CONNECTOR_TESTS[row.vendor];
    if (!definition) {
      throw new VaultException(VaultErrorCode.TestNotSupported, `No connector test exists for vendor ${row.vendor}`, { vendor: row.vendor });
    }
    let outcome: ConnectorTestCredentialResult;
    try {
      outcome = await this.rpc.request(definition, { credentialId: id, requestedBy: actor, ...target }, { timeoutMs: this.env.VAULT_CREDENTIAL_TEST_TIMEOUT_MS });
    } catch (e) {
      if (e instanceof RpcException && (e.code === 'SERVICE_UNAVAILABLE' || e.code === 'SERVICE_TIMEOUT')) {
        throw new VaultException(VaultErrorCode.Unavailable, `The ${row.vendor} connector (integration-sync) is unavailable: ${e.message}`, {
          service: 'integration-sync',
        });
      }
      if (!(e instanceof RpcException)) throw e;
      // The connector could not even resolve or call: a failed test, reported as such.
      outcome = { ok: false, message: `${e.code}: ${e.message}` };
    }
    const message = outcome.message.slice(0, 1000);
    await CredentialRepository.recordTest(this.orm.em.fork(), id, outcome.ok, message);
    return {
      credentialId: id,
      ok: outcome.ok,
      ...(outcome.status !== undefined ? { status: outcome.status } : {}),
      message,
      ...(outcome.endpoint !== undefined ? { endpoint: outcome.endpoint } : {}),
      testedAt: new Date().toISOString(),
    };
  }
}
