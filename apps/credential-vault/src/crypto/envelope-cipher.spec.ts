import { randomBytes } from 'node:crypto';
import { EnvelopeCipher, IntegrityError } from './envelope-cipher';

describe('EnvelopeCipher', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const binding = { credentialId: '0190f5a4-0000-7000-8000-000000000001', secretVersion: 1 };
  const secret = 'pd-secret-value-1234567890';

  it('round-trips a secret, with a fresh nonce and data key each time', () => {
    const a = EnvelopeCipher.seal(secret, binding, k1, 'v1');
    const b = EnvelopeCipher.seal(secret, binding, k1, 'v1');
    expect(EnvelopeCipher.open(a, binding, k1)).toBe(secret);
    expect(a.nonce.length).toBe(12);
    expect(a.nonce.equals(b.nonce)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(a.ciphertext.toString('utf8')).not.toContain(secret);
  });

  it('refuses a flipped byte anywhere: ciphertext, tag, nonce or wrapped key', () => {
    const sealed = EnvelopeCipher.seal(secret, binding, k1, 'v1');
    for (const field of ['ciphertext', 'tag', 'nonce', 'wrappedKey', 'wrappedKeyTag'] as const) {
      const copy = { ...sealed, [field]: Buffer.from(sealed[field]) };
      copy[field][0] = (copy[field][0] as number) ^ 0x01;
      expect(() => EnvelopeCipher.open(copy, binding, k1)).toThrow(IntegrityError);
    }
  });

  it('refuses the wrong master key and a ciphertext moved to another credential or version', () => {
    const sealed = EnvelopeCipher.seal(secret, binding, k1, 'v1');
    expect(() => EnvelopeCipher.open(sealed, binding, k2)).toThrow(/data key failed/);
    expect(() => EnvelopeCipher.open(sealed, { ...binding, secretVersion: 2 }, k1)).toThrow(IntegrityError);
    expect(() => EnvelopeCipher.open(sealed, { ...binding, credentialId: '0190f5a4-0000-7000-8000-000000000002' }, k1)).toThrow(
      IntegrityError,
    );
    expect(() => EnvelopeCipher.open({ ...sealed, masterKeyVersion: 'v2' }, binding, k1)).toThrow(IntegrityError);
  });

  it('rewraps the data key under a new master key without changing the secret ciphertext', () => {
    const sealed = EnvelopeCipher.seal(secret, binding, k1, 'v1');
    const moved = { ...sealed, ...EnvelopeCipher.rewrap(sealed, binding, k1, k2, 'v2') };
    expect(moved.ciphertext.equals(sealed.ciphertext)).toBe(true);
    expect(moved.masterKeyVersion).toBe('v2');
    expect(EnvelopeCipher.open(moved, binding, k2)).toBe(secret);
    expect(() => EnvelopeCipher.open(moved, binding, k1)).toThrow(IntegrityError);
  });
});
