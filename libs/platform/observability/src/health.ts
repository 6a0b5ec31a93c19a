export interface HealthCheckResult {
  status: 'up' | 'down';
  detail?: string;
}

export type HealthCheck = () => Promise<HealthCheckResult>;

export interface HealthReport {
  status: 'ok' | 'error';
  checks: Record<string, HealthCheckResult>;
}

/** Checks registered by the modules that own a dependency (Postgres by persistence, NATS by messaging). */
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  async report(timeoutMs = 2000): Promise<HealthReport> {
    const entries = await Promise.all(
      [...this.checks.entries()].map(async ([name, check]) => [name, await withTimeout(check, timeoutMs)] as const),
    );
    const checks = Object.fromEntries(entries);
    const status = entries.every(([, r]) => r.status === 'up') ? 'ok' : 'error';
    return { status, checks };
  }
}

async function withTimeout(check: HealthCheck, timeoutMs: number): Promise<HealthCheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HealthCheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'down', detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([
      check().catch((e: unknown) => ({ status: 'down' as const, detail: (e as Error).message })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
