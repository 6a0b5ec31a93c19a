/**
 * Query-string parameters whose values are credentials or one-time codes. A client that puts a
 * token in the URL (`?access_token=…`) must not have it copied into the request log. Matched on the
 * lower-cased name, as a whole word of it: `token`, `api_key`, `client_secret`, `X-Api-Key`, …
 */
const SENSITIVE_WORD = /(^|[-_.])(key|apikey|code|auth|authorization|signature|sig|passwd|pwd)($|[-_.])/i;
const SENSITIVE_PART = /token|secret|password/i;

export const REDACTED_VALUE = '[redacted]';

export function isSensitiveQueryName(name: string): boolean {
  return SENSITIVE_WORD.test(name) || SENSITIVE_PART.test(name);
}

/** `/a?access_token=x&limit=5` → `/a?access_token=[redacted]&limit=5`; a URL without a query is returned as it is. */
export function redactUrlQuery(url: string | undefined): string | undefined {
  if (url === undefined) return url;
  const at = url.indexOf('?');
  if (at < 0) return url;
  const parts = url.slice(at + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    let name = rawName;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
    } catch {
      // a malformed escape: judge the raw name
    }
    return eq >= 0 && isSensitiveQueryName(name) ? `${rawName}=${REDACTED_VALUE}` : pair;
  });
  return `${url.slice(0, at)}?${parts.join('&')}`;
}

/** Express's parsed `req.query` with the same names redacted (nested values of a sensitive name included). */
export function redactQueryObject(query: unknown): unknown {
  if (typeof query !== 'object' || query === null) return query;
  return Object.fromEntries(Object.entries(query as Record<string, unknown>).map(([k, v]) => [k, isSensitiveQueryName(k) ? REDACTED_VALUE : v]));
}
