import { EnvValidationError, loadEnv } from '@seatkeeper/platform-config';
import { IntegrationSyncEnv } from './integration-sync.env';

describe(IntegrationSyncEnv.name, () => {
  it('allows only the official PagerDuty hosts by default', () => {
    const env = loadEnv(IntegrationSyncEnv, {});
    expect(env.SYNC_ALLOWED_BASE_URLS).toEqual([]);
  });

  it('reads the allowlist as comma-separated base URLs', () => {
    const env = loadEnv(IntegrationSyncEnv, { SYNC_ALLOWED_BASE_URLS: 'http://127.0.0.1:8090, http://pagerduty-sim:8090/' });
    expect(env.SYNC_ALLOWED_BASE_URLS).toEqual(['http://127.0.0.1:8090', 'http://pagerduty-sim:8090/']);
  });

  it.each([
    ['userinfo in a listed URL', { SYNC_ALLOWED_BASE_URLS: 'http://user:pass@proxy.internal' }, 'SYNC_ALLOWED_BASE_URLS'],
    ['a query in a listed URL', { SYNC_ALLOWED_BASE_URLS: 'http://proxy.internal/?x=1' }, 'SYNC_ALLOWED_BASE_URLS'],
    ['a listed URL that is not http(s)', { SYNC_ALLOWED_BASE_URLS: 'file:///etc/passwd' }, 'SYNC_ALLOWED_BASE_URLS'],
    ['a credential-test host that is not allowed', { SYNC_PAGERDUTY_BASE_URL: 'http://127.0.0.1:8090' }, 'SYNC_PAGERDUTY_BASE_URL'],
  ])('fails at boot on %s', (_what, source, variable) => {
    let error: unknown;
    try {
      loadEnv(IntegrationSyncEnv, source);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvValidationError);
    expect((error as EnvValidationError).problems.map((p) => p.variable)).toContain(variable);
  });

  it('accepts a credential-test host that is listed', () => {
    const env = loadEnv(IntegrationSyncEnv, { SYNC_ALLOWED_BASE_URLS: 'http://127.0.0.1:8090', SYNC_PAGERDUTY_BASE_URL: 'http://127.0.0.1:8090/' });
    expect(env.SYNC_PAGERDUTY_BASE_URL).toBe('http://127.0.0.1:8090/');
  });
});
