import type { IntegrationView } from '@seatkeeper/contracts';

/**
 * How old an app's last sync may be before destructive steps refuse: two schedule periods for an
 * interval schedule (one missed run is tolerated), 26 hours for a daily one.
 */
export function maxSyncAgeMs(schedule: IntegrationView['schedule']): number {
  if (schedule.kind === 'interval') return 2 * (schedule.intervalMinutes ?? 1440) * 60_000;
  return 26 * 3_600_000;
}

/** Null when the integration's data may be acted on; else the reason the step refuses. */
export function staleReason(integration: IntegrationView, now: Date): string | null {
  const last = integration.lastRun;
  if (!last) return `the last sync of "${integration.name}" never ran; destructive steps need complete, fresh data`;
  if (last.status !== 'completed') return `the last sync of "${integration.name}" is ${last.status}, not completed; destructive steps need complete data`;
  const finished = last.finishedAt ? new Date(last.finishedAt).getTime() : 0;
  const age = now.getTime() - finished;
  if (age > maxSyncAgeMs(integration.schedule)) {
    return `the last sync of "${integration.name}" finished ${Math.round(age / 60_000)} minutes ago, older than its schedule allows (${Math.round(maxSyncAgeMs(integration.schedule) / 60_000)} minutes)`;
  }
  return null;
}
