import { startSimulator, type SimulatorOptions } from '../src/index';

export const FULL_KEY = 'pd-sim-full-access-key';
export const READ_ONLY_KEY = 'pd-sim-read-only-key';
export const ACCEPT = 'application/vnd.pagerduty+json;version=2';

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

export type Sim = Awaited<ReturnType<typeof startSimulator>>;

export async function start(options: SimulatorOptions = {}): Promise<Sim> {
  // A fixed reference time keeps seeded dates identical across test runs and days.
  return startSimulator({ referenceTime: '2026-06-01T00:00:00Z', ...options });
}

export interface CallOptions {
  method?: string;
  key?: string | null;
  bearer?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One call to the simulator with PagerDuty's headers (full-access key unless told otherwise). */
export async function call(base: string, path: string, o: CallOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { Accept: ACCEPT, 'Content-Type': 'application/json', ...o.headers };
  if (o.bearer) headers['Authorization'] = `Bearer ${o.bearer}`;
  else if (o.key !== null) headers['Authorization'] = `Token token=${o.key ?? FULL_KEY}`;
  const res = await fetch(base + path, {
    method: o.method ?? 'GET',
    headers,
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

/** Typed view of a JSON body in assertions. */
export function json<T = Record<string, unknown>>(r: ApiResponse): T {
  return r.body as T;
}

export interface UserJson {
  id: string;
  name: string;
  email: string;
  role: string;
  invitation_sent: boolean;
  teams: Array<{ id: string }>;
}

export interface UserPage {
  users: UserJson[];
  limit: number;
  offset: number;
  total: number | null;
  more: boolean;
}

export async function fixtures(base: string): Promise<Record<string, string>> {
  const r = await fetch(`${base}/_sim/fixtures`);
  return (await r.json()) as Record<string, string>;
}

export async function control(base: string, method: string, path: string, body?: unknown): Promise<ApiResponse> {
  const res = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? (JSON.parse(text) as unknown) : undefined };
}
