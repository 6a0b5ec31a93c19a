import { RpcErrorCode } from '@seatkeeper/contracts';
import { RpcException } from '@seatkeeper/platform-messaging';

const UUID = /^[0-9a-f-]{36}$/i;
const VERSION = /^[0-9]{1,9}$/;

function invalid(): RpcException {
  return new RpcException(RpcErrorCode.ValidationFailed, 'Invalid cursor', [{ field: 'cursor', messages: ['not a cursor from a previous page'] }]);
}

/**
 * The cursors this service hands out are the last id served (a UUID) or, for versions, the last
 * version number. Anything else is the caller's error (VALIDATION_FAILED naming `cursor`), checked
 * before it reaches SQL, where a cast would fail as an internal error.
 */
export function idCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  if (!UUID.test(cursor)) throw invalid();
  return cursor;
}

export function versionCursor(cursor: string | undefined): number | null {
  if (!cursor) return null;
  if (!VERSION.test(cursor)) throw invalid();
  return Number(cursor);
}
