import { createHash, randomInt } from 'node:crypto';

/**
 * API token format: `skp_` + 43 base62 characters of randomness (≈256 bits, far above NIST's
 * 112-bit floor) + 6 base62 characters of CRC32 over them. The prefix makes leaked tokens
 * greppable by secret scanners; the checksum rejects typos and junk before any database lookup.
 * Only the SHA-256 of the whole token is stored: with that much entropy a single fast hash is
 * enough (no password hashing needed) and lookups stay one indexed equality.
 */
export const TOKEN_PREFIX = 'skp_';
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 43;
const CHECKSUM_LENGTH = 6;
export const TOKEN_PATTERN = new RegExp(`^${TOKEN_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);

export function generateApiToken(): string {
  let random = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) random += ALPHABET[randomInt(ALPHABET.length)];
  return `${TOKEN_PREFIX}${random}${checksum(random)}`;
}

/** Shape and checksum only: says nothing about whether the token exists. */
export function isWellFormedApiToken(token: string): boolean {
  if (!TOKEN_PATTERN.test(token)) return false;
  const body = token.slice(TOKEN_PREFIX.length);
  return checksum(body.slice(0, RANDOM_LENGTH)) === body.slice(RANDOM_LENGTH);
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** What lists show to tell tokens apart: the prefix and the first 4 random characters, never more. */
export function displayPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + 4);
}

function checksum(random: string): string {
  let n = crc32(Buffer.from(random, 'utf8'));
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, i) => {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
