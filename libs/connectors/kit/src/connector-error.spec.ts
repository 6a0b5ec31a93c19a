import { ConnectorError, ConnectorErrorKind, connectorErrorKind } from './connector-error';
import { EgressPolicy, EgressRefusedError } from './egress-policy';

class VendorOutage extends ConnectorError {
  readonly kind = ConnectorErrorKind.Unavailable;
}

class VendorSaysNo extends ConnectorError {
  readonly kind = ConnectorErrorKind.Refused;
  constructor(
    override readonly status: number,
    override readonly reasons: string[],
  ) {
    super(`the vendor answered ${status}`);
  }
}

describe(ConnectorError.name, () => {
  it('carries its kind, its class name and, for a refusal, the vendor’s status and reasons', () => {
    const no = new VendorSaysNo(400, ['owner']);
    expect(no).toBeInstanceOf(Error);
    expect(no.name).toBe('VendorSaysNo');
    expect(connectorErrorKind(no)).toBe('refused');
    expect([no.status, no.reasons]).toEqual([400, ['owner']]);
    expect(new VendorOutage('down').status).toBeUndefined();
  });

  it('has no kind for errors that are not the vendor’s doing', () => {
    expect(connectorErrorKind(new Error('database gone'))).toBeNull();
    expect(connectorErrorKind('not even an error')).toBeNull();
  });

  it('makes the egress policy’s own refusal an egress-refused connector error', () => {
    let refusal: unknown;
    try {
      new EgressPolicy(['https://api.example.com']).checkBaseUrl('http://169.254.169.254');
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(EgressRefusedError);
    expect(connectorErrorKind(refusal)).toBe(ConnectorErrorKind.EgressRefused);
    expect((refusal as Error).name).toBe('EgressRefusedError');
  });
});
