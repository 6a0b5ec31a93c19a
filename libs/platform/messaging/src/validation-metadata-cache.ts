import { getMetadataStorage } from 'class-validator';

type Lookup = ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas'];

let installed = false;

/**
 * class-validator looks a class's rules up on every `validate` by scanning every decorated class
 * of the process for its ancestors (typestack/class-validator#2686, open): with the contracts'
 * hundreds of classes that scan led the CPU profile of every event consumer. A class's own and
 * inherited rules are all registered when it is defined, before anything can validate it, and
 * classes defined later never change them — so each answer is kept per class and arguments.
 * Installed once per process on the shared metadata storage (the gateway's pipes use it too).
 */
export function cacheValidationMetadataLookups(): void {
  if (installed) return;
  installed = true;
  const storage = getMetadataStorage();
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const cache = new WeakMap<object, Map<string, ReturnType<Lookup>>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    let byArgs = cache.get(target);
    if (!byArgs) cache.set(target, (byArgs = new Map()));
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let found = byArgs.get(key);
    if (!found) byArgs.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
}
