import { startServiceForTest, type ServiceUnderTest } from '@seatkeeper/testing';
import { ApiTokenService } from '../../src/auth/api-token.service';
import { ROLES, type Role } from '../../src/auth/role';
import type { GatewayEnv } from '../../src/config/gateway.env';
import { gatewayService } from '../../src/service-definition';

export interface GatewayUnderTest {
  service: ServiceUnderTest<GatewayEnv>;
  baseUrl: string;
  /** One live token per role. */
  tokens: Record<Role, { id: string; secret: string }>;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  issue(role: Role, name?: string): Promise<{ id: string; secret: string }>;
  stop(): Promise<void>;
}

export interface CallOptions {
  token?: string;
  /** Sent as JSON unless `raw` is given. */
  body?: unknown;
  raw?: string | Buffer;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  headers: Headers;
  contentType: string;
  body: unknown;
  text: string;
}

/** The gateway alone (no backend services), a fresh database, and a token of each role. */
export async function startGateway(overrides: Record<string, string> = {}): Promise<GatewayUnderTest> {
  const service = await startServiceForTest(gatewayService, { GATEWAY_RATE_LIMIT_PER_MINUTE: '1000000', ...overrides });
  const baseUrl = service.publicUrl ?? '';
  const tokenService = service.running.app.get(ApiTokenService);
  const issue = async (role: Role, name = `test-${role}`) => {
    const { token, secret } = await tokenService.issue(name, role, null);
    return { id: token.id, secret };
  };
  const tokens = {} as Record<Role, { id: string; secret: string }>;
  for (const role of ROLES) tokens[role] = await issue(role);
  const call = async (method: string, path: string, options: CallOptions = {}): Promise<Answer> => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    let body: string | Buffer | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, contentType: res.headers.get('content-type') ?? '', body: parsed, text };
  };
  return { service, baseUrl, tokens, call, issue, stop: () => service.stop() };
}

/** The problem+json fields tests look at. */
export interface Problem {
  status: number;
  code: string;
  detail?: string;
  request_id?: string;
  service?: string;
  errors?: { field: string; messages: string[] }[];
}

export function problemOf(answer: Answer): Problem {
  if (!answer.contentType.startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${answer.status} ${answer.contentType}: ${answer.text.slice(0, 300)}`);
  }
  return answer.body as Problem;
}
