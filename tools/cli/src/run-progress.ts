import { SingleBar } from 'cli-progress';
import type { ApiClient } from './api-client';
import type { Io } from './output';

// The run statuses of the sync contract (libs/contracts requests/sync/runs.dto.ts), spelled out
// here so the CLI does not load the decorated contract classes at every start.
export type RunStatus = 'queued' | 'fetching' | 'applying' | 'completed' | 'incomplete' | 'failed' | 'cancelled';
const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['queued', 'fetching', 'applying'];

export interface RunView {
  id: string;
  integration_id: string;
  status: RunStatus;
  trigger?: string;
  complete?: boolean;
  progress: number;
  counts: { fetched: number; applied: number; quarantined: number; vendor_total?: number | null; pages?: number; requests?: number };
  queued_at?: string;
  started_at?: string | null;
  finished_at?: string | null;
  duration_ms?: number | null;
  reason?: string | null;
  errors?: Array<{ at: string; message: string }>;
}

export const isActive = (run: RunView): boolean => ACTIVE_RUN_STATUSES.includes(run.status);

/**
 * Polls a run until it ends, drawing a progress bar (fetched / vendor total, then applied) on a
 * terminal and one line per status change elsewhere. Returns the finished run.
 */
export async function followRun(api: ApiClient, runId: string, io: Io, opts: { intervalMs?: number; timeoutMs?: number } = {}): Promise<RunView> {
  const intervalMs = opts.intervalMs ?? 500;
  const deadline = Date.now() + (opts.timeoutMs ?? 6 * 3_600_000);
  const bar = io.isTty
    ? new SingleBar({ format: ' {status} [{bar}] {percentage}% | fetched {fetched}/{total} | applied {applied} | quarantined {quarantined}', hideCursor: true, stream: process.stderr })
    : undefined;
  let lastStatus = '';
  let run = await api.get<RunView>(`/runs/${runId}`);
  bar?.start(100, 0, payload(run));
  for (;;) {
    const total = run.counts.vendor_total ?? 0;
    bar?.update(Math.round(progressOf(run) * 100), payload(run));
    if (!bar && run.status !== lastStatus) io.err(`run ${run.id}: ${run.status} (fetched ${run.counts.fetched}/${total || '?'}, applied ${run.counts.applied ?? 0})`);
    lastStatus = run.status;
    if (!isActive(run)) break;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, intervalMs));
    run = await api.get<RunView>(`/runs/${runId}`);
  }
  bar?.stop();
  return run;
}

/** Fetching is the first half of the bar, applying the second: a run is done when both are. */
export function progressOf(run: RunView): number {
  if (!isActive(run)) return 1;
  const total = run.counts.vendor_total ?? 0;
  const applied = total > 0 ? Math.min(1, (run.counts.applied + run.counts.quarantined) / total) : 0;
  return Math.min(0.999, run.progress * 0.5 + applied * 0.5);
}

function payload(run: RunView): Record<string, unknown> {
  return { status: run.status.padEnd(10), fetched: run.counts.fetched, total: run.counts.vendor_total ?? '?', applied: run.counts.applied, quarantined: run.counts.quarantined };
}
