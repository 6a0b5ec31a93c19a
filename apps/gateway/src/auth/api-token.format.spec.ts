import { crc32, displayPrefix, generateApiToken, hashApiToken, isWellFormedApiToken, TOKEN_PATTERN } from './api-token.format';

describe('api-token.format', () => {
  it('generates prefixed tokens that pass their own checksum, all different', () => {
    const tokens = Array.from({ length: 200 }, generateApiToken);
    for (const t of tokens) {
      expect(t).toMatch(TOKEN_PATTERN);
      expect(isWellFormedApiToken(t)).toBe(true);
    }
    expect(new Set(tokens).size).toBe(200);
  });

  it('rejects any single-character typo in the random part by the checksum', () => {
    const t = generateApiToken();
    for (let i = 4; i < t.length; i++) {
      const swapped = t[i] === 'A' ? 'B' : 'A';
      expect(isWellFormedApiToken(`${t.slice(0, i)}${swapped}${t.slice(i + 1)}`)).toBe(false);
    }
  });

  it('rejects other prefixes, lengths and characters', () => {
    const t = generateApiToken();
    expect(isWellFormedApiToken(`xkp_${t.slice(4)}`)).toBe(false);
    expect(isWellFormedApiToken(t.slice(0, -1))).toBe(false);
    expect(isWellFormedApiToken(`${t}a`)).toBe(false);
    expect(isWellFormedApiToken('')).toBe(false);
  });

  it('crc32 matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('hashes with SHA-256 and shows only a short prefix', () => {
    const t = generateApiToken();
    expect(hashApiToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(displayPrefix(t)).toHaveLength(8);
  });
});
