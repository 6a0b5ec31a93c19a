import { RemoteRpcError, ServiceTimeoutError, ServiceUnavailableError, type RpcClient } from '@seatkeeper/platform-messaging';
import { CredentialResolver, CredentialUnavailableError, VaultUnreachableError } from '../credentials/credential.resolver';
import { retryDelayMs } from './retry-delay';

const failingWith = (error: Error): CredentialResolver => new CredentialResolver({ request: () => Promise.reject(error) } as unknown as RpcClient);

describe('a run whose credential cannot be resolved', () => {
  it.each([
    ['no vault instance subscribed', new ServiceUnavailableError('credential-vault', 'vault.credentials.resolve')],
    ['no answer in time', new ServiceTimeoutError('credential-vault', 'vault.credentials.resolve', 5000)],
    ['the vault answering that it is unavailable', new RemoteRpcError('credential-vault', { code: 'SERVICE_UNAVAILABLE', message: 'database down' })],
  ])('is retried later when the vault is unreachable (%s)', async (_label, error) => {
    await expect(failingWith(error).fromVault('c1', { purpose: 'sync-run' })).rejects.toBeInstanceOf(VaultUnreachableError);
  });

  it('fails when the vault refuses or has no such credential', async () => {
    const notFound = new RemoteRpcError('credential-vault', { code: 'NOT_FOUND', message: 'No credential c1' });
    await expect(failingWith(notFound).fromVault('c1', { purpose: 'sync-run' })).rejects.toBeInstanceOf(CredentialUnavailableError);
  });

  it('waits longer between attempts for an unreachable vault than for other errors, never past the lease', () => {
    const vault = new VaultUnreachableError('down');
    expect([1, 2, 3, 4].map((n) => retryDelayMs(vault, n, 60_000))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(new Error('db'), n, 60_000))).toEqual([500, 1_000, 2_000, 4_000]);
    expect(retryDelayMs(vault, 5, 30_000)).toBe(30_000);
  });
});
