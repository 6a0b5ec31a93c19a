import { mulberry32 } from './data/prng';
import { Errors } from './errors';
import { isRecord } from './http';

export const FAULT_TYPES = ['latency', 'error', 'rate_limit', 'truncate', 'malformed', 'drop'] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

export interface FaultSpec {
  type: FaultType;
  /** `GET /users`, `/users/{id}` (any method) or omitted for every PagerDuty endpoint. */
  endpoint?: string;
  /** Share of matching requests hit, 0..1 (default 1). Decided by a seeded PRNG, so runs repeat. */
  share?: number;
  /** How many requests to hit before the fault retires itself (default: unlimited). */
  count?: number;
  /** latency: delay added before the request is handled. */
  latency_ms?: number;
  /** error: HTTP status (default 500). */
  status?: number;
  /** rate_limit: send the ratelimit-* headers with the 429 (default true; PagerDuty sometimes omits them). */
  headers?: boolean;
  /** rate_limit: value of ratelimit-reset (seconds, default 1). */
  reset_seconds?: number;
}

export interface Fault extends FaultSpec {
  id: number;
  hits: number;
}

/** What the server must do to a request that faults touched. */
export interface FaultPlan {
  delayMs: number;
  action?: Fault;
}

export class FaultInjector {
  private faults: Fault[] = [];
  private nextId = 1;
  private rng: () => number;

  constructor(private readonly seed: number) {
    this.rng = mulberry32(seed);
  }

  add(input: unknown): Fault {
    const spec = parseFault(input);
    const fault: Fault = { ...spec, id: this.nextId++, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  remove(id: number): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
    this.rng = mulberry32(this.seed);
  }

  /** Decides, for one request, the added latency and at most one disruptive fault. */
  plan(routeKey: string): FaultPlan {
    const plan: FaultPlan = { delayMs: 0 };
    if (this.faults.length === 0) return plan;
    const template = routeKey.slice(routeKey.indexOf(' ') + 1);
    for (const f of this.faults) {
      if (f.endpoint && f.endpoint !== routeKey && f.endpoint !== template) continue;
      if (f.type !== 'latency' && plan.action) continue;
      if ((f.share ?? 1) < 1 && this.rng() >= (f.share ?? 1)) continue;
      f.hits++;
      if (f.type === 'latency') plan.delayMs += f.latency_ms ?? 0;
      else plan.action = f;
    }
    this.faults = this.faults.filter((f) => f.count === undefined || f.hits < f.count);
    return plan;
  }
}

function parseFault(input: unknown): FaultSpec {
  if (!isRecord(input)) throw Errors.invalidInput('fault must be a JSON object');
  const type = input['type'];
  if (typeof type !== 'string' || !(FAULT_TYPES as readonly string[]).includes(type)) {
    throw Errors.invalidInput(`type must be one of ${FAULT_TYPES.join(', ')}`);
  }
  const num = (k: string, min: number, max: number): number | undefined => {
    const v = input[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw Errors.invalidInput(`${k} must be a number in [${min}, ${max}]`);
    return v;
  };
  const endpoint = input['endpoint'];
  if (endpoint !== undefined && typeof endpoint !== 'string') throw Errors.invalidInput('endpoint must be a string');
  const headers = input['headers'];
  return {
    type: type as FaultType,
    endpoint,
    share: num('share', 0, 1),
    count: num('count', 1, 1e9),
    latency_ms: num('latency_ms', 0, 120_000),
    status: num('status', 500, 599),
    headers: typeof headers === 'boolean' ? headers : undefined,
    reset_seconds: num('reset_seconds', 0, 3600),
  };
}
