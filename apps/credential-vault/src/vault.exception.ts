import { RpcErrorCode } from '@seatkeeper/contracts';
import { RpcException, type FieldProblem } from '@seatkeeper/platform-messaging';

/** The vault's stable error codes (the generic ones map to 400/404/409/503 at the gateway). */
export const VaultErrorCode = {
  ValidationFailed: RpcErrorCode.ValidationFailed,
  NotFound: RpcErrorCode.NotFound,
  Conflict: RpcErrorCode.Conflict,
  Unavailable: RpcErrorCode.Unavailable,
  /** Only integration-sync may resolve a secret. */
  ResolveForbidden: 'RESOLVE_FORBIDDEN',
  /** The stored secret or its data key failed authentication: tampered, moved or wrong key. */
  IntegrityFailed: 'CREDENTIAL_INTEGRITY_FAILED',
  /** The master key version that wraps this data key is not in the ring the vault holds. */
  MasterKeyUnavailable: 'MASTER_KEY_UNAVAILABLE',
  /** The ring holds a different key under a version than the one data was wrapped with. */
  MasterKeyMismatch: 'MASTER_KEY_MISMATCH',
  /** The configured key ring cannot be read or parsed. */
  KeyRingInvalid: 'KEY_RING_INVALID',
  /** The OAuth token endpoint refused or could not be reached. */
  OAuthTokenFailed: 'OAUTH_TOKEN_FAILED',
  /** The credential's OAuth token URL is not one the vault may send a client secret to. */
  TokenUrlRefused: 'TOKEN_URL_REFUSED',
  /** No connector test exists for this vendor. */
  TestNotSupported: 'TEST_NOT_SUPPORTED',
} as const;

export class VaultException extends RpcException {}

export function validationFailed(problems: FieldProblem[]): VaultException {
  return new VaultException(
    VaultErrorCode.ValidationFailed,
    `The request is invalid: ${problems.map((p) => p.field).join(', ')}`,
    problems,
  );
}

export function credentialNotFound(id: string): VaultException {
  return new VaultException(VaultErrorCode.NotFound, `No credential ${id}`, { credentialId: id });
}
