import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;

/** One secret at rest: its ciphertext under a data key, and that data key wrapped by a master key version. */
export interface SealedSecret {
  ciphertext: Buffer;
  nonce: Buffer;
  tag: Buffer;
  wrappedKey: Buffer;
  wrappedKeyNonce: Buffer;
  wrappedKeyTag: Buffer;
  masterKeyVersion: string;
}

/** Which credential and which secret version a ciphertext belongs to; bound in as additional data. */
export interface SecretBinding {
  credentialId: string;
  secretVersion: number;
}

/** Authentication failed: a tampered ciphertext, a moved row or the wrong key. Nothing is returned. */
export class IntegrityError extends Error {
  constructor(readonly part: 'secret' | 'data-key') {
    super(part === 'secret' ? 'the secret failed its integrity check' : 'the data key failed its integrity check');
    this.name = 'IntegrityError';
  }
}

function secretAad(b: SecretBinding): Buffer {
  return Buffer.from(`seatkeeper-vault/secret/${b.credentialId}/v${b.secretVersion}`, 'utf8');
}

function dataKeyAad(b: SecretBinding, masterKeyVersion: string): Buffer {
  return Buffer.from(`seatkeeper-vault/data-key/${b.credentialId}/v${b.secretVersion}/${masterKeyVersion}`, 'utf8');
}

function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer): { ciphertext: Buffer; nonce: Buffer; tag: Buffer } {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, nonce, tag: cipher.getAuthTag() };
}

function decrypt(key: Buffer, sealed: { ciphertext: Buffer; nonce: Buffer; tag: Buffer }, aad: Buffer, part: IntegrityError['part']): Buffer {
  if (sealed.nonce.length !== NONCE_BYTES || sealed.tag.length !== TAG_BYTES) throw new IntegrityError(part);
  const decipher = createDecipheriv(ALGORITHM, key, sealed.nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.tag);
  try {
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    // GCM verifies the tag in final(): any flipped bit, wrong key or wrong binding lands here.
    throw new IntegrityError(part);
  }
}

/**
 * Envelope encryption with node's AES-256-GCM: each secret under its own random data key, the
 * data key wrapped by a master key. Rewrapping touches only the data key.
 */
export const EnvelopeCipher = {
  seal(plaintext: string, binding: SecretBinding, masterKey: Buffer, masterKeyVersion: string): SealedSecret {
    const dataKey = randomBytes(DATA_KEY_BYTES);
    try {
      const secret = encrypt(dataKey, Buffer.from(plaintext, 'utf8'), secretAad(binding));
      const wrapped = encrypt(masterKey, dataKey, dataKeyAad(binding, masterKeyVersion));
      return {
        ...secret,
        wrappedKey: wrapped.ciphertext,
        wrappedKeyNonce: wrapped.nonce,
        wrappedKeyTag: wrapped.tag,
        masterKeyVersion,
      };
    } finally {
      dataKey.fill(0);
    }
  },

  open(sealed: SealedSecret, binding: SecretBinding, masterKey: Buffer): string {
    const dataKey = unwrap(sealed, binding, masterKey);
    try {
      return decrypt(dataKey, sealed, secretAad(binding), 'secret').toString('utf8');
    } finally {
      dataKey.fill(0);
    }
  },

  /** Moves a data key from one master key to another; the secret's ciphertext is untouched and never decrypted. */
  rewrap(
    sealed: SealedSecret,
    binding: SecretBinding,
    fromKey: Buffer,
    toKey: Buffer,
    toVersion: string,
  ): Pick<SealedSecret, 'wrappedKey' | 'wrappedKeyNonce' | 'wrappedKeyTag' | 'masterKeyVersion'> {
    const dataKey = unwrap(sealed, binding, fromKey);
    try {
      const wrapped = encrypt(toKey, dataKey, dataKeyAad(binding, toVersion));
      return { wrappedKey: wrapped.ciphertext, wrappedKeyNonce: wrapped.nonce, wrappedKeyTag: wrapped.tag, masterKeyVersion: toVersion };
    } finally {
      dataKey.fill(0);
    }
  },
};

function unwrap(sealed: SealedSecret, binding: SecretBinding, masterKey: Buffer): Buffer {
  return decrypt(
    masterKey,
    { ciphertext: sealed.wrappedKey, nonce: sealed.wrappedKeyNonce, tag: sealed.wrappedKeyTag },
    dataKeyAad(binding, sealed.masterKeyVersion),
    'data-key',
  );
}
