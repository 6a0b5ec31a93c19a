import { RemoteRpcError } from '@seatkeeper/platform-messaging';
import {
  fieldErrors,
  ProblemException,
  type FieldError,
} from '../http/problem';
import { publicFieldPath } from '../http/service-field-names';

/** The public names of the fields the sync service may complain about (its contract is camelCase). */
const PUBLIC_FIELDS = new Set([
  'name',
  'vendor',
  'record_type',
  'installation_type',
  'credential_id',
  'local_secret',
  'runner_pool',
  'region',
  'base_url',
  'preference',
  'schedule',
  'extras',
  'status',
  'limit',
  'cursor',
]);

/** The path ids (`integrationId`, `runId`) are the route's `id`; a problem with the whole body is `body`. */
const SYNC_RENAMES: Record<string, string> = {
  integrationId: 'id',
  runId: 'id',
  '(root)': 'body',
};

/** `schedule.timeZone` → `schedule.time_zone`, by the gateway's one rule for service field names. */
export function publicField(field: string): string {
  return publicFieldPath(field, SYNC_RENAMES);
}

/**
 * The service's own checks answer `[{message}]` whose message starts with the field
 * (`credentialId is required for a cloud integration`); contract validation answers
 * `[{field, messages}]`. Both become `{field, messages}` with public names.
 */
export function toFieldErrors(details: unknown): FieldError[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: unknown): FieldError[] => {
    if (typeof d !== 'object' || d === null) return [];
    const { field, messages, message } = d as {
      field?: unknown;
      messages?: unknown;
      message?: unknown;
    };
    if (typeof field === 'string' && Array.isArray(messages)) {
      return [
        {
          field: publicField(field),
          messages: messages.map((m) => renameIn(String(m), field)),
        },
      ];
    }
    if (typeof message !== 'string') return [];
    const head =
      /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*/.exec(message)?.[0] ?? '';
    const named = PUBLIC_FIELDS.has(publicField(head).split('.')[0] ?? '');
    return [
      {
        field: named ? publicField(head) : 'body',
        messages: [named ? renameIn(message, head) : message],
      },
    ];
  });
}

function renameIn(message: string, field: string): string {
  return message.split(field).join(publicField(field));
}

/**
 * Re-throws the sync service's errors in the API's words; anything not listed passes unchanged to
 * the problem filter (404 `NOT_FOUND`, 503 when mapping cannot confirm a launch, 422 codes, …):
 * - `VALIDATION_FAILED` → 400 naming the public fields;
 * - `INTEGRATION_NOT_READY` → 422 with what the mapping lacks as `errors[{field: 'mapping'}]`;
 * - `CONFLICT` → 409 with the service's message (which names the run going), without its
 *   camelCase details.
 */
export async function fromSyncService<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (e) {
    if (!(e instanceof RemoteRpcError)) throw e;
    if (e.code === 'VALIDATION_FAILED') {
      const errors = toFieldErrors(e.details);
      throw fieldErrors(
        errors.length ? errors : [{ field: 'body', messages: [e.message] }],
        e.message,
      );
    }
    if (e.code === 'INTEGRATION_NOT_READY') {
      const missing = (e.details as { missing?: unknown } | undefined)?.missing;
      const list = Array.isArray(missing) ? missing.map(String) : [];
      throw new ProblemException(422, e.code, e.message, [
        { field: 'mapping', messages: list.length ? list : [e.message] },
      ]);
    }
    if (e.code === 'CONFLICT')
      throw new ProblemException(409, e.code, e.message);
    throw e;
  }
}
