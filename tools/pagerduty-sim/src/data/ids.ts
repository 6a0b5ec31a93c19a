// PagerDuty IDs look like `PXPGF42`: `P` plus six upper-case characters. We map (kind, index) to
// such an ID with a seed-keyed bijection on 30 bits (4 bits of kind, 26 of index), so IDs look
// random, never collide (not even across kinds), and decode back to the index without any lookup
// table, which matters at a million users.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'; // 32 symbols = 5 bits each, 6 symbols = 30 bits
const MASK = 0x3fffffff;
const MULT = 0x2545f491; // odd, hence invertible modulo 2^30
const MULT_INV = modInverse(MULT);
const KIND_SHIFT = 26;
export const MAX_INDEX = (1 << KIND_SHIFT) - 1;

const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

function modInverse(a: number): number {
  // Newton iteration for the inverse of an odd number modulo 2^32, then masked to 30 bits.
  let x = a;
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(a, x));
  return x & MASK;
}

/** Seed key, so different seeds give unrelated IDs. */
function keyFor(seed: number): number {
  let k = Math.imul(seed ^ 0x5bd1e995, 0x119de1f3);
  k ^= k >>> 15;
  k = Math.imul(k, 0x45d9f3b);
  return (k ^ (k >>> 16)) & MASK;
}

export function encodeId(seed: number, kind: number, index: number): string {
  let x = (((kind << KIND_SHIFT) | (index & MAX_INDEX)) ^ keyFor(seed)) & MASK;
  x = Math.imul(x, MULT) & MASK;
  x ^= x >>> 15;
  let out = 'P';
  for (let shift = 25; shift >= 0; shift -= 5) out += ALPHABET[(x >>> shift) & 31];
  return out;
}

/** Inverse of encodeId; -1 when the string cannot be an ID of this kind. */
export function decodeId(seed: number, kind: number, id: string): number {
  if (id.length !== 7 || id.charCodeAt(0) !== 80) return -1;
  let x = 0;
  for (let i = 1; i < 7; i++) {
    const c = id.charCodeAt(i);
    const v = c < 128 ? DECODE[c] : -1;
    if (v === undefined || v < 0) return -1;
    x = (x << 5) | v;
  }
  x ^= x >>> 15;
  x = Math.imul(x, MULT_INV) & MASK;
  x = (x ^ keyFor(seed)) & MASK;
  return x >>> KIND_SHIFT === kind ? x & MAX_INDEX : -1;
}

export const IdKind = {
  user: 1,
  team: 2,
  schedule: 3,
  escalationPolicy: 4,
  incident: 5,
  service: 6,
  contactMethod: 7,
  notificationRule: 8,
  license: 9,
} as const;
