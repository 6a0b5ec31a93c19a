import type { RunStatus, RunView } from '@seatkeeper/contracts';
import type { UserCursor } from '@seatkeeper/connector-kit';
import { iso } from '../integrations/integration.row';

export interface RunRow {
  id: string;
  integration_id: string;
  runner_pool: string;
  trigger: 'schedule' | 'manual';
  status: RunStatus;
  cursor: UserCursor | null;
  batches: number;
  /** Claims so far, minus graceful hand-overs: crashes and unexpected errors use one each. */
  attempts: number;
  requests: number;
  fetched: number;
  vendor_total: number | null;
  applied: number | null;
  quarantined: number | null;
  complete: boolean | null;
  reason: string | null;
  errors: { at: string; message: string }[];
  owner: string | null;
  lease_expires_at: Date | null;
  queued_at: Date;
  started_at: Date | null;
  fetched_at: Date | null;
  finished_at: Date | null;
}

export function toRunView(r: RunRow): RunView {
  const fetchedDone = ['applying', 'completed', 'incomplete'].includes(r.status);
  const progress = fetchedDone ? 1 : r.vendor_total ? Math.min(0.99, r.fetched / r.vendor_total) : 0;
  return {
    id: r.id,
    integrationId: r.integration_id,
    trigger: r.trigger,
    status: r.status,
    progress: Math.round(progress * 1000) / 1000,
    counts: {
      pages: r.batches,
      requests: r.requests,
      fetched: r.fetched,
      vendorTotal: r.vendor_total,
      applied: r.applied,
      quarantined: r.quarantined,
    },
    complete: r.complete,
    reason: r.reason,
    errors: r.errors,
    queuedAt: iso(r.queued_at) as string,
    startedAt: iso(r.started_at),
    fetchedAt: iso(r.fetched_at),
    finishedAt: iso(r.finished_at),
  };
}
