import { RpcErrorCode } from '@seatkeeper/contracts';
import { ConnectorError, ConnectorErrorKind } from '@seatkeeper/connector-kit';
import { RpcException } from '@seatkeeper/platform-messaging';
import { CredentialUnavailableError, VaultUnreachableError } from '../credentials/credential.resolver';
import { ConnectorErrorCode, toRpc } from './connector-error.rpc';

/** Any vendor's error: the mapping reads its kind (and a refusal's status and reasons) only. */
class VendorError extends ConnectorError {
  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    override readonly status?: number,
    override readonly reasons?: string[],
  ) {
    super(message);
  }
}

const rpc = (e: unknown) => {
  const out = toRpc(e) as RpcException;
  return { code: out.code, message: out.message, details: out.details };
};

describe(toRpc.name, () => {
  it.each([
    [ConnectorErrorKind.Auth, ConnectorErrorCode.AuthFailed],
    [ConnectorErrorKind.RateLimited, ConnectorErrorCode.Unavailable],
    [ConnectorErrorKind.Unavailable, ConnectorErrorCode.Unavailable],
    [ConnectorErrorKind.Malformed, ConnectorErrorCode.VendorError],
    [ConnectorErrorKind.EgressRefused, ConnectorErrorCode.VendorError],
  ])('answers a %s error with %s', (kind, code) => {
    expect(rpc(new VendorError(kind, 'why'))).toMatchObject({ code, message: 'why' });
  });

  it('answers a vendor refusal with its status and reasons', () => {
    expect(rpc(new VendorError(ConnectorErrorKind.Refused, 'answered 400', 400, ['open incidents']))).toMatchObject({
      code: ConnectorErrorCode.VendorError,
      details: { status: 400, reasons: ['open incidents'] },
    });
  });

  it('answers credential problems by whether the vault can be reached', () => {
    expect(rpc(new VaultUnreachableError('down'))).toMatchObject({ code: RpcErrorCode.Unavailable });
    expect(rpc(new CredentialUnavailableError('no such credential'))).toMatchObject({ code: ConnectorErrorCode.CredentialUnavailable });
  });

  it('passes RPC errors and anything else through', () => {
    const notFound = new RpcException(RpcErrorCode.NotFound, 'no integration');
    const bug = new Error('bug');
    expect(toRpc(notFound)).toBe(notFound);
    expect(toRpc(bug)).toBe(bug);
  });
});
