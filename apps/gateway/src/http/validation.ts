import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { findControlCharacter } from '@seatkeeper/contracts';
import { fieldErrors, type FieldError } from './problem';

/** Flattens class-validator's tree into `{ field: 'a.b.0.c', messages }`, one entry per offending field. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) out.push({ field, messages: Object.values(e.constraints) });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/**
 * The one validation pipe: unknown fields are errors, values are converted to the DTO types, and no
 * string anywhere in a body, a query or a path may hold a control character (NUL and the other C0
 * controls but tab, LF, CR; DEL): Postgres refuses NUL, and none belongs in a name, an email, a
 * filter or a CSV cell. 400 naming the field, checked before anything else reads the value.
 */
class GatewayValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    refuseControlCharacters(value, metadata);
    const transformed: unknown = await super.transform(value, metadata);
    // Again after the DTO's own parsing: a JSON filter in a query string (`"\u0000"`) decodes only now.
    refuseControlCharacters(transformed, metadata);
    return transformed;
  }
}

function refuseControlCharacters(value: unknown, metadata: ArgumentMetadata): void {
  if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return;
  const found = findControlCharacter(value, metadata.type === 'param' && metadata.data ? metadata.data : '') ?? (metadata.type === 'query' ? inJsonQueryValues(value) : null);
  if (!found) return;
  const field = found.path || (metadata.type === 'body' ? 'body' : (metadata.data ?? metadata.type));
  throw fieldErrors([{ field, messages: [`${field} contains a control character (${found.character}), which is not allowed`] }]);
}

/** A query value holding JSON (a rule filter) can carry `"\u0000"` escaped: look inside it too. */
function inJsonQueryValues(query: unknown): ReturnType<typeof findControlCharacter> {
  if (typeof query !== 'object' || query === null) return null;
  for (const [key, raw] of Object.entries(query as Record<string, unknown>)) {
    if (typeof raw !== 'string' || !/^\s*[[{"]/.test(raw)) continue;
    try {
      const found = findControlCharacter(JSON.parse(raw) as unknown, '');
      if (found) return { ...found, path: key };
    } catch {
      // not JSON: the DTO's own rule says what is wrong with it
    }
  }
  return null;
}

export function gatewayValidationPipe(): ValidationPipe {
  return new GatewayValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Error messages name the field and the rule, never echo the value (it may be a secret).
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => fieldErrors(flattenValidationErrors(errors)),
  });
}
