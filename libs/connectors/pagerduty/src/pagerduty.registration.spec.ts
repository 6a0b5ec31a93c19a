import { ConnectorErrorKind, ConnectorRegistry, type ConnectorSettings } from '@seatkeeper/connector-kit';
import { PAGERDUTY_VENDOR, PagerDutyConnector } from './pagerduty.connector';
import { pagerDutyConnectorRegistration } from './pagerduty.registration';

const settings: ConnectorSettings = {
  allowedBaseUrls: ['http://127.0.0.1:9999'],
  timeoutMs: 1000,
  retry: { maxAttempts: 2, initialDelayMs: 10 },
  rateLimit: { accountLimitPerMinute: 960, share: 0.5 },
};

describe('pagerDutyConnectorRegistration', () => {
  const registry = new ConnectorRegistry([pagerDutyConnectorRegistration], settings);
  afterAll(() => registry.dispose());

  it('builds PagerDuty connectors for the vendor "pagerduty", at the region’s host unless a base URL replaces it', () => {
    const credential = { kind: 'token', secret: 'k' } as const;
    const eu = registry.connect(PAGERDUTY_VENDOR, { region: 'eu', baseUrl: null }, credential);
    expect(eu).toBeInstanceOf(PagerDutyConnector);
    expect([eu.vendor, eu.endpoint]).toEqual(['pagerduty', 'https://api.eu.pagerduty.com']);
    expect(registry.connect('pagerduty', { region: 'us', baseUrl: 'http://127.0.0.1:9999/' }, credential).endpoint).toBe('http://127.0.0.1:9999');
    expect(registry.forVendor('pagerduty').endpointOf({ region: 'us', baseUrl: null })).toBe('https://api.pagerduty.com');
  });

  it('checks base URLs against the official hosts and the operator’s list', () => {
    const egress = registry.forVendor('pagerduty').egress;
    expect(egress.checkBaseUrl('http://127.0.0.1:9999')).toBe('http://127.0.0.1:9999');
    expect(() => egress.checkBaseUrl('http://169.254.169.254')).toThrow(expect.objectContaining({ kind: ConnectorErrorKind.EgressRefused }));
  });

  it('refuses a region that names no PagerDuty host before anything is sent', () => {
    expect(() => registry.connect('pagerduty', { region: 'mars', baseUrl: null }, { kind: 'token', secret: 'k' })).toThrow(
      expect.objectContaining({ kind: ConnectorErrorKind.EgressRefused, message: '"mars" is not a PagerDuty region (us, eu)' }),
    );
  });

  it('shares one rate budget per credential between the connectors it builds', () => {
    const credential = { kind: 'token', secret: 'shared' } as const;
    const a = registry.connect('pagerduty', { region: 'us', baseUrl: null }, credential) as PagerDutyConnector;
    const b = registry.connect('pagerduty', { region: 'us', baseUrl: null }, credential) as PagerDutyConnector;
    expect(a.http.budget).toBe(b.http.budget);
  });
});
