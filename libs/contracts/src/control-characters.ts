/**
 * C0 control characters and DEL, except tab, line feed and carriage return. Postgres refuses NUL in
 * text and jsonb, and none of them belongs in a name, an email or a title: input holding one is refused
 * (HTTP: 400 naming the field) and a vendor record holding one is quarantined with the reason.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'g');

export interface ControlCharacterFinding {
  /** Dotted path of the string holding it (`rows.0.email`); `''` for the value itself. */
  path: string;
  /** e.g. `U+0000`. */
  character: string;
}

/** The first string (depth-first, keys included) under `value` holding a control character, or null. */
export function findControlCharacter(value: unknown, path = ''): ControlCharacterFinding | null {
  if (typeof value === 'string') {
    const hit = CONTROL_CHARACTER.exec(value);
    return hit ? { path, character: codePoint(hit[0]) } : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const at = path ? `${path}.${key}` : key;
    const inKey = CONTROL_CHARACTER.exec(key);
    if (inKey) return { path: at, character: codePoint(inKey[0]) };
    const found = findControlCharacter(child, at);
    if (found) return found;
  }
  return null;
}

/**
 * Replaces every control character in the strings under `value` with U+FFFD, listing where (for a
 * record kept in quarantine). A value without one is returned as it is: almost every vendor record
 * is clean, and copying each one (every object and array) was 6 % of integration-sync's CPU in a
 * first sync, so a look that allocates nothing comes first.
 */
export function replaceControlCharacters(value: unknown, path = '', found: ControlCharacterFinding[] = []): unknown {
  return findControlCharacter(value, path) ? replaceAll(value, path, found) : value;
}

function replaceAll(value: unknown, path: string, found: ControlCharacterFinding[]): unknown {
  if (typeof value === 'string') {
    const hit = CONTROL_CHARACTER.exec(value);
    if (!hit) return value;
    found.push({ path, character: codePoint(hit[0]) });
    return value.replace(CONTROL_CHARACTERS, '\uFFFD');
  }
  if (Array.isArray(value)) return value.map((v, i) => replaceAll(v, path ? `${path}.${i}` : String(i), found));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => {
      const at = path ? `${path}.${k}` : k;
      return [k.replace(CONTROL_CHARACTERS, '\uFFFD'), replaceAll(v, at, found)];
    }),
  );
}

function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Set by a connector on a record it had to repair (e.g. a NUL byte in a field): what was wrong, one
 * sentence each. Mapping quarantines such a record with these reasons. The record carries U+FFFD where
 * the control characters were, since Postgres cannot store NUL in jsonb: without the repair one bad
 * record would stop the whole run.
 */
export const RECORD_PROBLEMS_FIELD = 'connector_problems';
