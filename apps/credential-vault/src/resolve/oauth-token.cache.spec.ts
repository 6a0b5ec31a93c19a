import { Clock } from '../clock';
import type { CredentialVaultEnv } from '../config/credential-vault.env';
import { OAuthTokenCache } from './oauth-token.cache';

describe(OAuthTokenCache.name, () => {
  let now = 1_000_000;
  const clock = { now: () => now } as Clock;
  const env = { VAULT_OAUTH_RENEW_BEFORE_SECONDS: 300 } as CredentialVaultEnv;
  let issued = 0;
  const fetch = async () => ({ accessToken: `token-${++issued}`, tokenType: 'bearer', expiresIn: 3600 });

  beforeEach(() => {
    now = 1_000_000;
    issued = 0;
  });

  it('reuses a token until renewBefore seconds before expiry, then renews it', async () => {
    const cache = new OAuthTokenCache(clock, env);
    expect((await cache.get('c1', 1, fetch)).accessToken).toBe('token-1');
    now += (3600 - 301) * 1000;
    expect((await cache.get('c1', 1, fetch)).accessToken).toBe('token-1');
    now += 2000;
    expect((await cache.get('c1', 1, fetch)).accessToken).toBe('token-2');
  });

  it('fetches once for concurrent callers, and again when the secret version changes', async () => {
    const cache = new OAuthTokenCache(clock, env);
    const [a, b] = await Promise.all([cache.get('c1', 1, fetch), cache.get('c1', 1, fetch)]);
    expect(a.accessToken).toBe(b.accessToken);
    expect(issued).toBe(1);
    expect((await cache.get('c1', 2, fetch)).accessToken).toBe('token-2');
  });

  it('renews at half-life when the token is shorter-lived than the renewal margin', async () => {
    const cache = new OAuthTokenCache(clock, env);
    const short = async () => ({ accessToken: `short-${++issued}`, tokenType: 'bearer', expiresIn: 60 });
    await cache.get('c1', 1, short);
    now += 29_000;
    expect((await cache.get('c1', 1, short)).accessToken).toBe('short-1');
    now += 2000;
    expect((await cache.get('c1', 1, short)).accessToken).toBe('short-2');
  });

  it('forgets every token of a credential whose secret changed', async () => {
    const cache = new OAuthTokenCache(clock, env);
    await cache.get('c1', 1, fetch);
    await cache.get('c2', 1, fetch);
    cache.forget('c1');
    expect((await cache.get('c1', 1, fetch)).accessToken).toBe('token-3');
    expect((await cache.get('c2', 1, fetch)).accessToken).toBe('token-2');
  });
});
