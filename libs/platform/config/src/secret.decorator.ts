const SECRET_KEYS = Symbol('seatkeeper:secret-env-keys');

type WithSecrets = { [SECRET_KEYS]?: Set<string> };

/** Marks an env field as sensitive: its value is never printed, in errors or in the boot summary. */
export function Secret(): PropertyDecorator {
  return (target, key) => {
    const holder = target as WithSecrets;
    // Copy the parent's set so a subclass adding a secret does not mutate its base class.
    const keys = new Set(holder[SECRET_KEYS] ?? []);
    keys.add(String(key));
    holder[SECRET_KEYS] = keys;
  };
}

export function secretKeysOf(target: object): ReadonlySet<string> {
  return (Object.getPrototypeOf(target) as WithSecrets)[SECRET_KEYS] ?? new Set();
}
