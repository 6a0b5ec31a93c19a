import { ConnectorError, ConnectorErrorKind } from '@seatkeeper/connector-kit';
import { outcomeOfFetchError } from './run-outcome';

/** Any vendor's error: the runner reads its kind only. */
class VendorError extends ConnectorError {
  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
  ) {
    super(message);
  }
}

describe(outcomeOfFetchError.name, () => {
  it('fails the run and flags the credential when the vendor rejects it', () => {
    expect(outcomeOfFetchError(new VendorError(ConnectorErrorKind.Auth, 'rejected (401)'))).toEqual({ kind: 'failed', reason: 'rejected (401)', credentialRejected: true });
  });

  it('fails the run, without flagging the credential, when egress refused the target', () => {
    expect(outcomeOfFetchError(new VendorError(ConnectorErrorKind.EgressRefused, 'not an allowed host'))).toEqual({ kind: 'failed', reason: 'not an allowed host' });
  });

  it.each([ConnectorErrorKind.RateLimited, ConnectorErrorKind.Unavailable, ConnectorErrorKind.Refused, ConnectorErrorKind.Malformed])(
    'ends the run incomplete, keeping what was fetched, on %s',
    (kind) => {
      expect(outcomeOfFetchError(new VendorError(kind, 'why'))).toEqual({ kind: 'incomplete', reason: 'stopped fetching: why' });
    },
  );

  it('leaves errors that are not the vendor’s to the worker (null)', () => {
    expect(outcomeOfFetchError(new Error('database gone'))).toBeNull();
  });
});
