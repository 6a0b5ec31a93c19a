import { ValidateBy, type ValidationOptions } from 'class-validator';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const MASTER_KEY_BYTES = 32;
const VERSION_PATTERN = /^v([0-9]{1,6})$/;

/** A problem with the configured key ring; the message never contains key material. */
export class KeyRingConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyRingConfigError';
  }
}

/**
 * Parses `v1:<base64>,v2:<base64>` or `{"v1":"<base64>"}` into version → 32-byte key.
 * Errors name the version at fault, never the key.
 */
export function parseKeyRing(text: string): Map<string, Buffer> {
  const trimmed = text.trim();
  let pairs: [string, unknown][];
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new KeyRingConfigError('the key ring is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new KeyRingConfigError('the key ring JSON must be an object {"v1":"<base64>"}');
    }
    pairs = Object.entries(parsed);
  } else {
    pairs = trimmed
      .split(/[,\n]/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => {
        const colon = p.indexOf(':');
        if (colon < 0) throw new KeyRingConfigError('each key ring entry must be <version>:<base64>');
        return [p.slice(0, colon).trim(), p.slice(colon + 1).trim()];
      });
  }
  if (pairs.length === 0) throw new KeyRingConfigError('the key ring is empty');
  const ring = new Map<string, Buffer>();
  for (const [version, value] of pairs) {
    if (!VERSION_PATTERN.test(version)) throw new KeyRingConfigError(`key ring version "${version}" must look like v1`);
    if (ring.has(version)) throw new KeyRingConfigError(`key ring version ${version} appears twice`);
    if (typeof value !== 'string' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
      throw new KeyRingConfigError(`key ring version ${version} is not base64`);
    }
    const key = Buffer.from(value, 'base64');
    if (key.length !== MASTER_KEY_BYTES) {
      throw new KeyRingConfigError(`key ring version ${version} must decode to ${MASTER_KEY_BYTES} bytes, not ${key.length}`);
    }
    ring.set(version, key);
  }
  return ring;
}

/** Orders versions numerically (v2 < v10). */
export function compareVersions(a: string, b: string): number {
  return versionNumber(a) - versionNumber(b);
}

function versionNumber(v: string): number {
  return Number(VERSION_PATTERN.exec(v)?.[1] ?? -1);
}

/**
 * A key check value: proves which key a version had when data was wrapped under it, so a ring
 * that later supplies a different key for that version is named as such rather than surfacing
 * only as failed decryptions. HMAC of a constant: reveals nothing about the key.
 */
export function keyCheckValue(key: Buffer): string {
  return createHmac('sha256', key).update('seatkeeper-vault:key-check-value:v1').digest('hex').slice(0, 32);
}

export interface KeyRingSource {
  /** VAULT_MASTER_KEYS. */
  inline?: string;
  /** VAULT_MASTER_KEYS_FILE. */
  file?: string;
}

/** The master keys the vault holds in memory. The file, when there is one, is re-read on `reload()`. */
export class MasterKeyRing {
  private keys = new Map<string, Buffer>();
  /** True when no ring was configured and a random key was made up (non-production only). */
  ephemeral = false;

  constructor(private readonly source: KeyRingSource) {
    this.reload();
  }

  reload(): void {
    const keys = new Map<string, Buffer>();
    if (this.source.inline) for (const [v, k] of parseKeyRing(this.source.inline)) keys.set(v, k);
    if (this.source.file) {
      let text: string;
      try {
        text = readFileSync(this.source.file, 'utf8');
      } catch (e) {
        throw new KeyRingConfigError(`cannot read VAULT_MASTER_KEYS_FILE: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
      }
      for (const [v, k] of parseKeyRing(text)) {
        const known = keys.get(v);
        if (known && !known.equals(k)) throw new KeyRingConfigError(`key ring version ${v} differs between env and file`);
        keys.set(v, k);
      }
    }
    if (keys.size === 0) {
      if (!this.ephemeral && this.keys.size === 0) {
        this.ephemeral = true;
        this.keys = new Map([['v1', randomBytes(MASTER_KEY_BYTES)]]);
      }
      return;
    }
    this.ephemeral = false;
    this.keys = keys;
  }

  get(version: string): Buffer | undefined {
    return this.keys.get(version);
  }

  has(version: string): boolean {
    return this.keys.has(version);
  }

  /** Versions in ascending order. */
  versions(): string[] {
    return [...this.keys.keys()].sort(compareVersions);
  }

  highest(): string {
    const all = this.versions();
    return all[all.length - 1] as string;
  }
}

/** Env validation: a well-formed ring, without ever echoing the value. */
export function IsMasterKeyRing(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMasterKeyRing',
      validator: {
        validate: (value: unknown) => {
          // Absence is IsDefined's concern (required only in production without a file).
          if (value === undefined) return true;
          if (typeof value !== 'string') return false;
          try {
            parseKeyRing(value);
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: (args) => {
          try {
            parseKeyRing(String(args?.value ?? ''));
            return 'invalid key ring';
          } catch (e) {
            return `VAULT_MASTER_KEYS: ${(e as Error).message} (format v1:<base64 of 32 bytes>,v2:… or {"v1":"…"})`;
          }
        },
      },
    },
    options,
  );
}
