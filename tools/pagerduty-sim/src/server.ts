import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { authorise, type Principal } from './auth';
import { ApiError, Errors } from './errors';
import type { Fault } from './faults';
import { JSON_TYPE, readBody, serialise, writeReply } from './http';
import type { RequestContext, Router } from './router';
import type { SimState } from './state';

const ACCEPT_VERSION = /application\/vnd\.pagerduty\+json;\s*version=(\d+)/;

/**
 * Request pipeline, in PagerDuty's order as far as it is observable: faults (our addition), routing,
 * authentication (401), rate limit (429), authorisation (403), Accept version, then the handler.
 */
export function createSimServer(state: SimState, api: Router, control: Router): Server {
  const server = createServer((req, res) => {
    const run = isControl(req.url) ? handleControl(state, control, req, res) : handleApi(state, api, req, res);
    run.catch((e: unknown) => {
      if (!res.headersSent) writeReply(res, 500, JSON.stringify(Errors.internal().body()), {});
      else res.destroy(e instanceof Error ? e : undefined);
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

function isControl(url: string | undefined): boolean {
  return url === '/_sim' || (url ?? '').startsWith('/_sim/') || (url ?? '').startsWith('/_sim?');
}

function splitUrl(url: string | undefined): { path: string; query: URLSearchParams } {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  return { path: q < 0 ? raw : raw.slice(0, q), query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) };
}

async function handleApi(state: SimState, api: Router, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const { path, query } = splitUrl(req.url);
  const match = api.match(method, path);
  const endpoint = match?.key ?? `${method} ${path}`;
  let headers: Record<string, string> = {};
  let principal: Principal | undefined;
  let fault: Fault | undefined;
  const log = (status: number): void =>
    state.log.record({ at: new Date().toISOString(), method, path, endpoint, status, credential: principal?.bucket });
  try {
    const plan = state.faults.plan(endpoint);
    if (plan.delayMs > 0) await delay(plan.delayMs);
    fault = plan.action;
    if (fault?.type === 'drop') {
      log(0);
      req.socket.destroy();
      return;
    }
    if (fault?.type === 'error') throw new ApiError(fault.status ?? 500, 2000, 'An internal error has occurred. PagerDuty team has been notified.');
    if (fault?.type === 'rate_limit') {
      const reset = String(fault.reset_seconds ?? 1);
      const limit = String(state.limiter.limit || 960);
      throw Errors.rateLimited(fault.headers === false ? {} : { 'ratelimit-limit': limit, 'ratelimit-remaining': '0', 'ratelimit-reset': reset });
    }
    if (!match) {
      headers = state.limiter.take(`anon:${req.socket.remoteAddress ?? ''}`).headers;
      throw Errors.notFound();
    }
    if (!match.route.public) {
      try {
        principal = state.credentials.authenticate(req.headers.authorization);
      } catch (e) {
        // Unauthenticated callers still get rate-limit headers, counted per client address.
        headers = state.limiter.take(`anon:${req.socket.remoteAddress ?? ''}`).headers;
        throw e;
      }
    }
    const decision = state.limiter.take(principal?.bucket ?? `anon:${req.socket.remoteAddress ?? ''}`);
    headers = decision.headers;
    if (!decision.allowed) throw Errors.rateLimited();
    if (principal) authorise(principal, match.route);
    checkAccept(req.headers.accept);
    const ctx: RequestContext = {
      method,
      path,
      params: match.params,
      query,
      headers: req.headers,
      body: method === 'GET' || method === 'DELETE' ? undefined : await readBody(req),
      principal,
      state,
    };
    const result = await match.route.handler(ctx);
    log(result.status);
    send(res, result.status, serialise(result), { ...headers, ...result.headers }, fault);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    log(e.status);
    send(res, e.status, JSON.stringify(e.body()), { ...headers, ...e.headers }, fault);
  }
}

function checkAccept(accept: string | undefined): void {
  // No Accept header means "the token's version", which is 2 for every token the simulator issues.
  const m = accept ? ACCEPT_VERSION.exec(accept) : null;
  if (m && m[1] !== '2') throw Errors.invalidInput(`Unsupported API version ${m[1]}; only version=2 is available`);
}

/** Writes a reply, applying a truncate/malformed fault to the body if one was planned. */
function send(res: ServerResponse, status: number, body: string | Buffer | undefined, headers: Record<string, string>, fault?: Fault): void {
  if (body !== undefined && fault?.type === 'truncate') {
    // Promise the full length, deliver half, then cut the connection: a classic mid-body drop.
    const bytes = Buffer.from(body);
    res.writeHead(status, { ...headers, 'content-type': JSON_TYPE, 'content-length': String(bytes.length) });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
    return;
  }
  if (body !== undefined && fault?.type === 'malformed') {
    // A complete HTTP response whose JSON is cut short: the client's parser, not its socket, fails.
    const bytes = Buffer.from(body);
    writeReply(res, status, bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))), headers);
    return;
  }
  writeReply(res, status, body, headers);
}

async function handleControl(state: SimState, control: Router, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const { path, query } = splitUrl(req.url);
  try {
    const match = control.match(method, path);
    if (!match) throw Errors.notFound();
    const body = method === 'GET' || method === 'DELETE' ? undefined : await readBody(req);
    const result = await match.route.handler({ method, path, params: match.params, query, headers: req.headers, body, state });
    writeReply(res, result.status, serialise(result), result.headers ?? {});
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    writeReply(res, e.status, JSON.stringify(e.body()), {});
  }
}
