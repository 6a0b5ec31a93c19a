import { opaqueJsonFields } from '@seatkeeper/contracts';
import { plainToInstance } from 'class-transformer';
import { validate, validateSync, type ValidationError } from 'class-validator';
import { flatCheckOf } from './flat-class-check';
import { cacheValidationMetadataLookups } from './validation-metadata-cache';

cacheValidationMetadataLookups();

export interface FieldProblem {
  field: string;
  messages: string[];
}

/** Flattens class-validator's tree into `field.path: messages`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

/** Validates a plain object against a contract class; returns the instance or the problems. */
export async function validateAgainst<T extends object>(
  cls: new () => T,
  plain: unknown,
): Promise<{ ok: true; value: T } | { ok: false; problems: FieldProblem[] }> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return { ok: false, problems: [{ field: '(root)', messages: ['must be a JSON object'] }] };
  }
  const value = toInstance(cls, plain as Record<string | symbol, unknown>);
  const errors = await validate(value, { forbidUnknownValues: true, whitelist: false });
  return errors.length ? { ok: false, problems: flattenValidationErrors(errors) } : { ok: true, value: withoutAbsentFields(value) };
}

export function describeProblems(problems: FieldProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.messages.join(', ')}`).join('; ');
}

/** The synchronous twin of validateAgainst, for DTOs without async constraints. */
export function validateSyncAgainst<T extends object>(
  cls: new () => T,
  plain: unknown,
): { ok: true; value: T } | { ok: false; problems: FieldProblem[] } {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return { ok: false, problems: [{ field: '(root)', messages: ['must be a JSON object'] }] };
  }
  // A flat class's valid payload: the same constraints, no instance built first (flat-class-check.ts).
  const check = flatCheckOf(cls);
  if (check?.(plain as Record<string, unknown>)) return { ok: true, value: Object.assign(Object.create(cls.prototype) as T, plain) };
  const value = toInstance(cls, plain as Record<string | symbol, unknown>);
  const errors = validateSync(value, { forbidUnknownValues: true, whitelist: false });
  return errors.length ? { ok: false, problems: flattenValidationErrors(errors) } : { ok: true, value: withoutAbsentFields(value) };
}

/**
 * class-transformer's instance of `plain`, with the class's `@OpaqueJson()` fields (top level)
 * set to the very values sent instead of deep copies.
 */
function toInstance<T extends object>(cls: new () => T, plain: Record<string | symbol, unknown>): T {
  const opaque = opaqueJsonFields(cls).filter((f) => f in plain);
  if (opaque.length === 0) return plainToInstance(cls, plain);
  const rest = { ...plain };
  for (const f of opaque) delete rest[f];
  const value = plainToInstance(cls, rest) as Record<string | symbol, unknown>;
  for (const f of opaque) value[f] = plain[f];
  return value as T;
}

/**
 * With ES2022 class fields, an instance built by class-transformer carries every declared field
 * the sender left out as an own `undefined` property. A handler that merges `{...stored, ...req}`
 * would then wipe the stored values the request never mentioned. Handlers get only what was sent.
 */
export function withoutAbsentFields<T>(value: T): T {
  if (Array.isArray(value)) {
    for (const item of value) withoutAbsentFields(item);
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const record = value as Record<string, unknown>;
    // JSON kept as it came holds no absent fields: it is not walked.
    const opaque = value.constructor === Object ? [] : opaqueJsonFields(value.constructor);
    for (const key of Object.keys(record)) {
      if (record[key] === undefined) delete record[key];
      else if (!opaque.includes(key)) withoutAbsentFields(record[key]);
    }
  }
  return value;
}
