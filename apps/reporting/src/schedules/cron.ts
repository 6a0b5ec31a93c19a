import parser from 'cron-parser';
import { IANAZone } from 'luxon';
import type { FieldProblem } from '../catalog/reporting.exception';

/** The first time strictly after `after` that the five-field cron names, in the zone's wall clock. */
export function nextCronTime(cron: string, timeZone: string, after: Date): Date {
  return parser.parseExpression(cron, { currentDate: after, tz: timeZone }).next().toDate();
}

export function cronProblems(cron: string, timeZone: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!IANAZone.isValidZone(timeZone)) problems.push({ field: 'time_zone', messages: [`"${timeZone}" is not an IANA time zone (e.g. Europe/Paris)`] });
  if (cron.trim().split(/\s+/).length !== 5) problems.push({ field: 'cron', messages: ['cron must have five fields: minute hour day-of-month month day-of-week'] });
  else {
    try {
      parser.parseExpression(cron, { tz: 'UTC' });
    } catch (e) {
      problems.push({ field: 'cron', messages: [`not a cron expression: ${(e as Error).message}`] });
    }
  }
  return problems;
}
