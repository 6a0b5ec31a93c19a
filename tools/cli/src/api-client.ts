import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** An RFC 9457 problem the gateway answered (or one the CLI made for a transport failure). */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail?: string;
  errors?: Array<{ field?: string; messages?: string[] } | Record<string, unknown>>;
  request_id?: string;
  [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? problem.code);
  }
}

export interface Page<T> {
  data: T[];
  next_cursor?: string | null;
}

export type Fetch = typeof fetch;

/** The gateway's REST API (`/api/v1`) with a bearer token; every non-2xx answer becomes an ApiError. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string | undefined,
    private readonly fetchImpl: Fetch = fetch,
  ) {}

  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T> {
    return this.request<T>('GET', path, undefined, query);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body ?? {});
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  /** Every item of a cursor-paged list (bounded by `max`, so a huge directory cannot run away). */
  async all<T>(path: string, query: Record<string, string | number | undefined> = {}, max = 10_000): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.get<Page<T>>(path, { limit: 100, ...query, cursor });
      out.push(...page.data);
      cursor = page.next_cursor ?? undefined;
    } while (cursor && out.length < max);
    return out.slice(0, max);
  }

  async request<T>(method: string, path: string, body?: unknown, query?: Record<string, string | number | undefined>): Promise<T> {
    const res = await this.send(method, path, body, query, 'application/json, application/problem+json');
    const text = await res.text();
    return (text ? safeJson(text) : undefined) as T;
  }

  /**
   * A file the gateway streams (e.g. a report export), written to `path` as it arrives: to
   * `path.part` first and renamed at the end, so a download cut short never leaves a file that
   * looks complete. A problem+json answer is an ApiError, as for any request, and writes nothing.
   */
  async download(apiPath: string, query: Record<string, string | number | undefined>, path: string): Promise<{ bytes: number; contentType: string | null }> {
    const res = await this.send('GET', apiPath, undefined, query, '*/*');
    const part = `${path}.part`;
    try {
      await pipeline(res.body ? Readable.fromWeb(res.body as WebReadableStream) : Readable.from([]), createWriteStream(part, { mode: 0o600 }));
    } catch (e) {
      await rm(part, { force: true });
      throw new ApiError({ status: 0, code: 'DOWNLOAD_INTERRUPTED', title: 'Download interrupted', detail: `${apiPath}: ${causeOf(e)}` });
    }
    await rename(part, path);
    return { bytes: (await stat(path)).size, contentType: res.headers.get('content-type') };
  }

  /** One request; a non-2xx answer becomes an ApiError (the problem+json, or one made from the status). */
  private async send(method: string, path: string, body: unknown, query: Record<string, string | number | undefined> | undefined, accept: string): Promise<Response> {
    const url = new URL(`/api/v1${path}`, this.baseUrl);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept };
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await this.fetchImpl(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new ApiError({ status: 0, code: 'GATEWAY_UNREACHABLE', title: 'Gateway unreachable', detail: `${url.origin}: ${causeOf(e)}` });
    }
    if (!res.ok) {
      const text = await res.text();
      const parsed = text ? safeJson(text) : undefined;
      throw new ApiError(isProblem(parsed) ? parsed : { status: res.status, code: `HTTP_${res.status}`, title: res.statusText, detail: text.slice(0, 500) || undefined });
    }
    return res;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isProblem(v: unknown): v is Problem {
  return typeof v === 'object' && v !== null && typeof (v as Problem).code === 'string' && typeof (v as Problem).status === 'number';
}

function causeOf(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  return err.cause?.code ?? err.cause?.message ?? err.message;
}
