import { RemoteRpcError } from '@seatkeeper/platform-messaging';
import { fieldErrors, type FieldError } from './problem';
import { snakeKey } from './public-names';

/** `syncKeys[1]` → `sync_keys.1`, `blastRadius.maxPercent` → `blast_radius.max_percent`. */
export function publicFieldPath(
  field: string,
  renames: Record<string, string> = {},
): string {
  const dotted = field.replace(/\[(\d+)\]/g, '.$1');
  const [head = '', ...rest] = dotted.split('.');
  const first = renames[head] ?? head;
  return [first, ...rest].map(snakeKey).join('.');
}

function isFieldErrorList(details: unknown): details is FieldError[] {
  return (
    Array.isArray(details) &&
    details.every(
      (d) =>
        typeof d === 'object' &&
        d !== null &&
        typeof (d as FieldError).field === 'string' &&
        Array.isArray((d as FieldError).messages),
    )
  );
}

/**
 * Services name fields by their contracts (camelCase, `[i]` indexes, `personId`); the public API
 * speaks snake_case dotted paths and calls the path parameter `id` (pass such names in `renames`).
 * The one place every route module turns a service's field errors into the API's words. A
 * `VALIDATION_FAILED` reply is re-thrown with public field names; anything else passes unchanged
 * to the problem filter.
 */
export async function withPublicFieldNames<T>(
  call: Promise<T>,
  renames: Record<string, string> = {},
): Promise<T> {
  try {
    return await call;
  } catch (e) {
    if (
      e instanceof RemoteRpcError &&
      e.code === 'VALIDATION_FAILED' &&
      isFieldErrorList(e.details)
    ) {
      const errors = e.details.map((p) => {
        const [head = ''] = p.field.replace(/\[\d+\]/g, '').split('.');
        const publicHead = publicFieldPath(head, renames);
        return {
          field: publicFieldPath(p.field, renames),
          messages: /^[A-Za-z0-9_]+$/.test(head)
            ? p.messages.map((m) =>
                m.replace(new RegExp(`\\b${head}\\b`, 'g'), publicHead),
              )
            : p.messages,
        };
      });
      throw fieldErrors(errors, e.message);
    }
    throw e;
  }
}
