/** The simulator's control API (`/_sim`, no auth), for a test's setup and its assertions on PagerDuty's side. */
export async function sim<T = unknown>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

export interface RequestLog {
  total: number;
  by_endpoint: Record<string, number>;
  recent: { method: string; path: string; endpoint: string; status: number }[];
}

export const requestLog = (url: string): Promise<RequestLog> => sim<RequestLog>(url, 'GET', '/_sim/requests');
export const clearRequestLog = (url: string): Promise<unknown> => sim(url, 'DELETE', '/_sim/requests');

/** Whether PagerDuty (the simulator) still has the user. */
export async function simHasUser(url: string, id: string): Promise<boolean> {
  const res = await fetch(`${url}/_sim/users/${id}`);
  await res.text();
  return res.status === 200;
}

/** The simulator's record of a user (`GET /_sim/users/{id}`), or undefined when PagerDuty no longer has it. */
export interface SimUser {
  id: string;
  email: string;
  role: string;
  invitation_sent: boolean;
  last_sign_in_at: string | null;
  created_at: string;
}

export async function simUser(url: string, id: string): Promise<SimUser | undefined> {
  const res = await fetch(`${url}/_sim/users/${id}`);
  const text = await res.text();
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`GET /_sim/users/${id} → ${res.status} ${text}`);
  return (JSON.parse(text) as { user: SimUser }).user;
}

/** A PagerDuty REST call to the simulator with an API key (what the connector sends), answering the parsed body. */
export async function pagerDuty<T = Record<string, unknown>>(url: string, key: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Token token=${key}`, accept: 'application/vnd.pagerduty+json;version=2', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}
