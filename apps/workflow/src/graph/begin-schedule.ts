import type { BeginSchedule } from '@seatkeeper/contracts';
import { parseExpression } from 'cron-parser';
import { IANAZone } from 'luxon';

/** Problems of a Begin block's schedule, each with the field it is about (relative to `schedule`). */
export function scheduleProblems(s: BeginSchedule | undefined): { field: string; message: string }[] {
  if (!s || typeof s !== 'object') return [{ field: 'schedule', message: 'a schedule trigger needs a schedule (cron, daily or interval)' }];
  const out: { field: string; message: string }[] = [];
  const zone = s.timeZone ?? 'UTC';
  if (!IANAZone.isValidZone(zone)) out.push({ field: 'schedule.timeZone', message: `"${zone}" is not an IANA time zone (e.g. Europe/Paris)` });
  if (s.kind === 'cron') {
    if (typeof s.cron !== 'string' || s.cron.trim().split(/\s+/).length !== 5) out.push({ field: 'schedule.cron', message: 'cron must have five fields, e.g. "0 3 * * 1"' });
    else {
      try {
        parseExpression(s.cron, { tz: 'UTC' });
      } catch (e) {
        out.push({ field: 'schedule.cron', message: `cron is not valid: ${(e as Error).message}` });
      }
    }
  } else if (s.kind === 'daily') {
    if (typeof s.timeOfDay !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(s.timeOfDay)) out.push({ field: 'schedule.timeOfDay', message: 'timeOfDay must be HH:mm (24-hour clock)' });
  } else if (s.kind === 'interval') {
    if (!Number.isInteger(s.intervalMinutes) || (s.intervalMinutes as number) < 5 || (s.intervalMinutes as number) > 10_080) {
      out.push({ field: 'schedule.intervalMinutes', message: 'intervalMinutes must be a whole number from 5 to 10080' });
    }
  } else out.push({ field: 'schedule.kind', message: 'kind must be cron, daily or interval' });
  return out;
}

/** The first firing strictly after `after` (a valid schedule; daily and cron times are wall-clock times in the zone). */
export function nextFireAt(s: BeginSchedule, after: Date): Date {
  if (s.kind === 'interval') return new Date(after.getTime() + (s.intervalMinutes ?? 1440) * 60_000);
  const cron = s.kind === 'daily' ? dailyCron(s.timeOfDay ?? '02:00') : (s.cron as string);
  return parseExpression(cron, { currentDate: after, tz: s.timeZone ?? 'UTC' }).next().toDate();
}

function dailyCron(timeOfDay: string): string {
  const [h, m] = timeOfDay.split(':').map(Number) as [number, number];
  return `${m} ${h} * * *`;
}
