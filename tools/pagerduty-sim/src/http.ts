import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, Errors } from './errors';

/** What a route handler returns: either a value to JSON.stringify or an already serialised body. */
export interface Reply {
  status: number;
  body?: unknown;
  /** Pre-serialised JSON; a Buffer skips re-encoding for cached pages. */
  json?: string | Buffer;
  headers?: Record<string, string>;
}

export const JSON_TYPE = 'application/json; charset=utf-8';
const MAX_BODY = 1024 * 1024;

export function reply(status: number, body?: unknown): Reply {
  return { status, body };
}

export function rawJson(status: number, json: string | Buffer): Reply {
  return { status, json };
}

export function serialise(r: Reply): string | Buffer | undefined {
  if (r.json !== undefined) return r.json;
  return r.body === undefined ? undefined : JSON.stringify(r.body);
}

/** Reads and parses a JSON or form-encoded body; an empty body parses as `{}`. */
export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) throw Errors.invalidInput('Request body too large');
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 2001, 'Invalid Input Provided', ['The request body is not valid JSON']);
  }
}

export function writeReply(res: ServerResponse, status: number, body: string | Buffer | undefined, headers: Record<string, string>): void {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, { ...headers, 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
