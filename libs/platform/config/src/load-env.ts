import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { secretKeysOf } from './secret.decorator';

export class EnvValidationError extends Error {
  constructor(readonly problems: { variable: string; messages: string[] }[]) {
    super(
      'Invalid environment:\n' +
        problems.map((p) => `  ${p.variable}: ${p.messages.join('; ')}`).join('\n'),
    );
    this.name = 'EnvValidationError';
  }
}

/**
 * Reads and validates a service's environment. Unset variables keep the class defaults; a bad
 * value throws an EnvValidationError naming the variable (never printing a secret's value).
 */
export function loadEnv<T extends object>(
  EnvClass: new () => T,
  source: NodeJS.ProcessEnv = process.env,
): T {
  const defaults = new EnvClass();
  const known = envKeysOf(EnvClass);
  const secrets = secretKeysOf(defaults);
  const plain: Record<string, unknown> = {};
  for (const key of known) {
    const value = source[key];
    if (value !== undefined && value !== '') plain[key] = value;
  }
  const env = plainToInstance(EnvClass, { ...defaults, ...plain }, { exposeDefaultValues: true });
  const errors = validateSync(env as object, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new EnvValidationError(errors.map((e) => describe(e, secrets)));
  }
  return env;
}

function describe(error: ValidationError, secrets: ReadonlySet<string>) {
  const messages = Object.values(error.constraints ?? {});
  const shown = secrets.has(error.property) ? '(hidden)' : JSON.stringify(error.value);
  return { variable: error.property, messages: [...messages, `got ${shown}`] };
}

/** The env with secrets masked, for a boot log line. */
export function describeEnv(env: object): Record<string, unknown> {
  const secrets = secretKeysOf(env);
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, secrets.has(key) && value ? '***' : value]),
  );
}

/** The variables an env class declares: every property with a validation decorator, bases included. */
export function envKeysOf(EnvClass: new () => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(EnvClass, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}
