import { SYNC_VENDORS } from '@seatkeeper/contracts';
import { UnknownVendorError } from '@seatkeeper/connector-kit';
import { IntegrationSyncEnv } from '../config/integration-sync.env';
import { SyncConnectorRegistry } from './sync-connector.registry';

describe(SyncConnectorRegistry.name, () => {
  const registry = new SyncConnectorRegistry(Object.assign(new IntegrationSyncEnv(), { SYNC_ALLOWED_BASE_URLS: ['http://127.0.0.1:9999'] }));
  afterAll(() => registry.onApplicationShutdown());

  it('has a connector for every vendor an integration may name, and no other', () => {
    expect([...registry.vendors].sort()).toEqual([...SYNC_VENDORS].sort());
  });

  it('builds them with the env’s allow-list', () => {
    for (const vendor of registry.vendors) expect(registry.forVendor(vendor).egress.checkBaseUrl('http://127.0.0.1:9999/')).toBe('http://127.0.0.1:9999');
  });

  it('refuses an integration whose vendor has no connector', () => {
    expect(() => registry.connect('okta', { region: 'us', baseUrl: null }, { kind: 'token', secret: 'k' })).toThrow(UnknownVendorError);
  });
});
