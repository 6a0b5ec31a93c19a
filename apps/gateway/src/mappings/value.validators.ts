import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A constant a mapping writes: a string (at most `maxLength`), a finite number or a boolean. */
export function IsScalarValue(maxLength: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isScalarValue',
      validator: {
        validate: (v: unknown) =>
          (typeof v === 'string' && v.length <= maxLength) || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean',
        defaultMessage: () => `$property must be a string of at most ${maxLength} characters, a number or a boolean`,
      },
    },
    options,
  );
}

/** A value map: at most `maxEntries` string → string pairs, keys and values at most `maxLength` characters. */
export function IsStringMap(maxEntries: number, maxLength: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStringMap',
      validator: {
        validate: (v: unknown) => {
          if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
          const entries = Object.entries(v as Record<string, unknown>);
          return (
            entries.length <= maxEntries && entries.every(([k, val]) => k.length <= maxLength && typeof val === 'string' && val.length <= maxLength)
          );
        },
        defaultMessage: () => `$property must map at most ${maxEntries} strings to strings of at most ${maxLength} characters`,
      },
    },
    options,
  );
}

/** A rule of the rule language (a JSON object); its meaning is checked by the service, its size here. */
export function IsRuleObject(maxJsonLength: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRuleObject',
      validator: {
        validate: (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && JSON.stringify(v).length <= maxJsonLength,
        defaultMessage: () => `$property must be a rule object (at most ${maxJsonLength} characters of JSON)`,
      },
    },
    options,
  );
}
