import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A rule in a query string is JSON; 2,000 characters hold a rule of a dozen conditions. */
export const MAX_FILTER_QUERY_LENGTH = 2000;

function parseRule(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `?filter=` must be a JSON object (a rule); whether the rule makes sense is the service's to say. */
export function IsJsonRule(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isJsonRule',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && parseRule(v) !== undefined,
        defaultMessage: () => '$property must be a rule as JSON, e.g. {"field":"employmentStatus","op":"eq","value":"terminated"}',
      },
    },
    options,
  );
}

/** The rule of a validated `?filter=` (undefined when none was given). */
export function ruleOf(filter: string | undefined): Record<string, unknown> | undefined {
  return filter === undefined ? undefined : parseRule(filter);
}
