import { RemoteRpcError } from '@seatkeeper/platform-messaging';
import { ProblemException } from '../http/problem';
import { fromSyncService, publicField, toFieldErrors } from './sync-errors';

const remote = (code: string, message: string, details?: unknown) => new RemoteRpcError('integration-sync', { code, message, details });

describe(fromSyncService.name, () => {
  it('names public fields for the service own checks and for contract validation', () => {
    expect(
      toFieldErrors([
        { message: 'credentialId is required for a cloud integration' },
        { message: 'schedule.timeZone "Mars/Olympus" is not an IANA time zone' },
        { message: 'Something without a field' },
        { field: 'localSecret.authKind', messages: ['localSecret.authKind must be one of token, bearer'] },
        { field: 'integrationId', messages: ['integrationId must be a UUID'] },
      ]),
    ).toEqual([
      { field: 'credential_id', messages: ['credential_id is required for a cloud integration'] },
      { field: 'schedule.time_zone', messages: ['schedule.time_zone "Mars/Olympus" is not an IANA time zone'] },
      { field: 'body', messages: ['Something without a field'] },
      { field: 'local_secret.auth_kind', messages: ['local_secret.auth_kind must be one of token, bearer'] },
      { field: 'id', messages: ['id must be a UUID'] },
    ]);
    expect(publicField('(root)')).toBe('body');
  });

  it('turns INTEGRATION_NOT_READY into a 422 listing what the mapping lacks', async () => {
    const e = await fromSyncService(Promise.reject(remote('INTEGRATION_NOT_READY', 'incomplete', { missing: ['a sync key'] }))).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProblemException);
    expect((e as ProblemException).getStatus()).toBe(422);
    expect((e as ProblemException).errors).toEqual([{ field: 'mapping', messages: ['a sync key'] }]);
  });

  it('keeps the message of a CONFLICT but not its camelCase details, and passes other codes through', async () => {
    const conflict = await fromSyncService(Promise.reject(remote('CONFLICT', 'run R is going', { runId: 'R' }))).catch((x: unknown) => x);
    expect(conflict).toMatchObject({ code: 'CONFLICT', errors: undefined });
    expect((conflict as ProblemException).getStatus()).toBe(409);
    const notFound = remote('NOT_FOUND', 'no such integration');
    await expect(fromSyncService(Promise.reject(notFound))).rejects.toBe(notFound);
  });
});
