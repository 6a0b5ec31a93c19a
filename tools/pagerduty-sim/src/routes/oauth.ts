import { isRecord, reply, type Reply } from '../http';
import type { RequestContext, Route } from '../router';

/**
 * `POST /oauth/token`, client_credentials only. Real PagerDuty serves this from
 * identity.pagerduty.com; errors follow RFC 6749 (`{"error","error_description"}`), not the REST
 * envelope, because that is what an OAuth client library expects there.
 */
function token({ state, body }: RequestContext): Reply {
  const b = isRecord(body) ? body : {};
  const field = (k: string): string => (typeof b[k] === 'string' ? (b[k] as string) : '');
  if (field('grant_type') !== 'client_credentials') {
    return reply(400, { error: 'unsupported_grant_type', error_description: 'Only grant_type=client_credentials is supported' });
  }
  const scopes = field('scope').split(/\s+/).filter(Boolean);
  const issued = state.credentials.issueToken(field('client_id'), field('client_secret'), scopes);
  if (!issued) return reply(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
  return reply(200, { access_token: issued.token, token_type: 'bearer', expires_in: issued.ttl, scope: issued.scopes.join(' ') });
}

export const oauthRoutes: Route[] = [{ method: 'POST', pattern: '/oauth/token', public: true, handler: token }];
