import type { Connector } from './connector';
import { ConnectorRegistry, UnknownVendorError, type ConnectorRegistration, type ConnectorSettings, type VendorConnectorFactory } from './connector-registry';
import { EgressPolicy } from './egress-policy';

const settings: ConnectorSettings = {
  allowedBaseUrls: ['http://127.0.0.1:9999'],
  timeoutMs: 1000,
  retry: { maxAttempts: 2, initialDelayMs: 10 },
  rateLimit: { accountLimitPerMinute: 60, share: 0.5 },
};

function fakeRegistration(vendor: string) {
  const seen: { settings?: ConnectorSettings; created: unknown[][]; disposed: number } = { created: [], disposed: 0 };
  const registration: ConnectorRegistration = {
    vendor,
    setUp(s): VendorConnectorFactory {
      seen.settings = s;
      return {
        egress: new EgressPolicy([`https://api.${vendor}.example.com`], { allowedBaseUrls: s.allowedBaseUrls }),
        endpointOf: (target) => target.baseUrl ?? `https://api.${vendor}.example.com`,
        create: (target, credential) => {
          seen.created.push([target, credential]);
          return { vendor } as Connector;
        },
        dispose: async () => {
          seen.disposed++;
        },
      };
    },
  };
  return { registration, seen };
}

describe(ConnectorRegistry.name, () => {
  it('sets each vendor up once with the settings and builds connectors by the vendor id', () => {
    const a = fakeRegistration('alpha');
    const b = fakeRegistration('beta');
    const registry = new ConnectorRegistry([a.registration, b.registration], settings);
    expect(registry.vendors).toEqual(['alpha', 'beta']);
    expect(a.seen.settings).toBe(settings);

    const connector = registry.connect('beta', { region: 'us', baseUrl: null }, { kind: 'token', secret: 'k' });
    expect(connector.vendor).toBe('beta');
    expect(b.seen.created).toEqual([[{ region: 'us', baseUrl: null }, { kind: 'token', secret: 'k' }]]);
    expect(a.seen.created).toEqual([]);
    expect(registry.forVendor('alpha').endpointOf({ region: 'us', baseUrl: null })).toBe('https://api.alpha.example.com');
  });

  it('refuses an unknown vendor with an error naming it and the registered ones', () => {
    const registry = new ConnectorRegistry([fakeRegistration('alpha').registration], settings);
    expect(registry.has('gamma')).toBe(false);
    expect(() => registry.connect('gamma', { region: 'us', baseUrl: null }, { kind: 'token', secret: 'k' })).toThrow(UnknownVendorError);
    expect(() => registry.forVendor('gamma')).toThrow('no connector is registered for vendor "gamma" (registered: alpha)');
    expect(() => new ConnectorRegistry([], settings).forVendor('alpha')).toThrow('(registered: none)');
  });

  it('refuses a vendor registered twice', () => {
    expect(() => new ConnectorRegistry([fakeRegistration('alpha').registration, fakeRegistration('alpha').registration], settings)).toThrow(
      'vendor "alpha" is registered twice',
    );
  });

  it('disposes every vendor', async () => {
    const a = fakeRegistration('alpha');
    const b = fakeRegistration('beta');
    await new ConnectorRegistry([a.registration, b.registration], settings).dispose();
    expect([a.seen.disposed, b.seen.disposed]).toEqual([1, 1]);
  });
});
