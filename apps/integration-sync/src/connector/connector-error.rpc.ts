import { RpcErrorCode } from '@seatkeeper/contracts';
import { ConnectorError, ConnectorErrorKind } from '@seatkeeper/connector-kit';
import { RpcException } from '@seatkeeper/platform-messaging';
import { CredentialUnavailableError, VaultUnreachableError } from '../credentials/credential.resolver';

/** Codes a connector action answers with besides NOT_FOUND. */
export const ConnectorErrorCode = {
  AuthFailed: 'VENDOR_AUTH_FAILED',
  Unavailable: 'VENDOR_UNAVAILABLE',
  VendorError: 'VENDOR_ERROR',
  CredentialUnavailable: 'CREDENTIAL_UNAVAILABLE',
} as const;

/** The RPC error a connector action answers with, by the error's neutral kind; anything else is thrown as it is. */
export function toRpc(e: unknown): unknown {
  if (e instanceof RpcException) return e;
  if (e instanceof VaultUnreachableError) return new RpcException(RpcErrorCode.Unavailable, e.message);
  if (e instanceof CredentialUnavailableError) return new RpcException(ConnectorErrorCode.CredentialUnavailable, e.message);
  if (!(e instanceof ConnectorError)) return e;
  switch (e.kind) {
    case ConnectorErrorKind.Auth:
      return new RpcException(ConnectorErrorCode.AuthFailed, e.message);
    case ConnectorErrorKind.RateLimited:
    case ConnectorErrorKind.Unavailable:
      return new RpcException(ConnectorErrorCode.Unavailable, e.message);
    case ConnectorErrorKind.Refused:
      return new RpcException(ConnectorErrorCode.VendorError, e.message, { status: e.status, reasons: e.reasons ?? [] });
    default:
      // Malformed answers and egress refusals: the vendor's side of the call went wrong, whatever the reason.
      return new RpcException(ConnectorErrorCode.VendorError, e.message);
  }
}
