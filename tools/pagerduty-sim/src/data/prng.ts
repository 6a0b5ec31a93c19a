// Stateless, seed-keyed hashing: every seeded fact about user #i is recomputed from (seed, i, salt)
// on demand, so a million users cost no per-user memory until one of them is changed.

/** A 32-bit avalanche hash (lowbias32 finaliser) of seed, index and a per-fact salt. */
export function hash32(seed: number, index: number, salt: number): number {
  let x = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35) ^ Math.imul(salt + 7, 0x27d4eb2f)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A uniform float in [0, 1) derived from (seed, index, salt). */
export function unit(seed: number, index: number, salt: number): number {
  return hash32(seed, index, salt) / 4294967296;
}

/** Picks an element deterministically. */
export function pick<T>(list: readonly T[], seed: number, index: number, salt: number): T {
  return list[hash32(seed, index, salt) % list.length] as T;
}

/** A tiny sequential PRNG (mulberry32) for decisions that are not tied to a user, e.g. fault shares. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
