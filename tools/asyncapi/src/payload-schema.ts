import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

export type JsonSchema = Record<string, unknown>;

/** What one class-validator constraint says, in JSON Schema words (unknown ones add nothing). */
function constraintSchema(m: ValidationMetadata): JsonSchema {
  const [first] = (m.constraints ?? []) as unknown[];
  switch (m.name) {
    case 'isUuid':
      return { type: 'string', format: 'uuid' };
    case 'isString':
      return { type: 'string' };
    case 'isEmail':
      return { type: 'string', format: 'email' };
    case 'isIso8601':
    case 'isISO8601':
      return { type: 'string', format: 'date-time' };
    case 'isInt':
      return { type: 'integer' };
    case 'isNumber':
      return { type: 'number' };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isObject':
      return { type: 'object' };
    case 'isArray':
      return { type: 'array' };
    case 'isIn':
      return { enum: first as unknown[] };
    case 'maxLength':
      return { maxLength: first };
    case 'minLength':
      return { minLength: first };
    case 'min':
      return { minimum: first };
    case 'max':
      return { maximum: first };
    case 'arrayMaxSize':
      return { maxItems: first };
    case 'matches':
      return first instanceof RegExp ? { pattern: first.source } : {};
    default:
      return {};
  }
}

/**
 * The JSON Schema of a contract payload class, read from its class-validator metadata (the same
 * decorators that validate every message on consume), inherited properties included.
 */
export function payloadSchema(cls: new () => object): JsonSchema {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const properties: Record<string, JsonSchema> = {};
  const optional = new Set<string>();
  for (const m of metadata) {
    if (m.type === 'conditionalValidation') {
      optional.add(m.propertyName);
      continue;
    }
    const own = constraintSchema(m);
    const current = properties[m.propertyName] ?? {};
    if (m.each) {
      const items = { ...((current['items'] as JsonSchema | undefined) ?? {}), ...own };
      properties[m.propertyName] = { ...current, type: 'array', items };
    } else {
      properties[m.propertyName] = { ...current, ...own, ...(current['type'] === 'array' && own['type'] ? { type: 'array' } : {}) };
    }
  }
  const names = Object.keys(properties).sort();
  return {
    type: 'object',
    properties: Object.fromEntries(names.map((n) => [n, properties[n]])),
    required: names.filter((n) => !optional.has(n)),
  };
}
