import { DateTime, IANAZone } from 'luxon';
import type { ScheduleDto } from '@seatkeeper/contracts';

export interface Schedule {
  kind: 'interval' | 'daily';
  intervalMinutes: number | null;
  timeOfDay: string | null;
  timeZone: string;
}

/** Once a day at 02:00 UTC, when an integration names no schedule. */
export const DEFAULT_SCHEDULE: Schedule = { kind: 'daily', intervalMinutes: null, timeOfDay: '02:00', timeZone: 'UTC' };

/** Checks a schedule and fills its defaults; returns the problems instead when it is not usable. */
export function normaliseSchedule(input: ScheduleDto | undefined): { schedule: Schedule } | { problems: string[] } {
  if (!input) return { schedule: DEFAULT_SCHEDULE };
  const problems: string[] = [];
  if (input.kind === 'interval') {
    if (input.intervalMinutes === undefined) problems.push('schedule.intervalMinutes is required for an interval schedule');
    if (input.timeOfDay !== undefined) problems.push('schedule.timeOfDay applies to daily schedules only');
  } else {
    if (input.timeOfDay === undefined) problems.push('schedule.timeOfDay (HH:mm) is required for a daily schedule');
    if (input.intervalMinutes !== undefined) problems.push('schedule.intervalMinutes applies to interval schedules only');
  }
  const timeZone = input.timeZone ?? 'UTC';
  if (!IANAZone.isValidZone(timeZone)) problems.push(`schedule.timeZone "${timeZone}" is not an IANA time zone (e.g. Europe/Paris)`);
  if (problems.length) return { problems };
  return {
    schedule: {
      kind: input.kind,
      intervalMinutes: input.kind === 'interval' ? (input.intervalMinutes as number) : null,
      timeOfDay: input.kind === 'daily' ? (input.timeOfDay as string) : null,
      timeZone,
    },
  };
}

/**
 * The first start strictly after `after`. Daily times are wall-clock times in the schedule's zone,
 * so a run at 02:00 Europe/Paris stays at 02:00 across daylight-saving changes (luxon shifts a
 * time that does not exist that day forward).
 */
export function nextRunAt(schedule: Schedule, after: Date): Date {
  if (schedule.kind === 'interval') return new Date(after.getTime() + (schedule.intervalMinutes ?? 1440) * 60_000);
  const [hour, minute] = (schedule.timeOfDay ?? '02:00').split(':').map(Number) as [number, number];
  const now = DateTime.fromJSDate(after, { zone: schedule.timeZone });
  let candidate = now.set({ hour, minute, second: 0, millisecond: 0 });
  if (candidate <= now) candidate = candidate.plus({ days: 1 }).set({ hour, minute });
  return candidate.toJSDate();
}
