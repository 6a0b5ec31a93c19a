import type { ReportFormat } from '@seatkeeper/contracts';

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A timestamp as reporting sends it over the bus (JSON has no dates): UTC, ISO 8601. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * One CSV cell (see the README for the decision): text exactly as reporting gave it — timestamps
 * stay ISO 8601 UTC strings, so a file reads back to the same instants in any locale — booleans
 * `true`/`false`, numbers as written, null and missing empty. A Date is written in ISO too.
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * One XLSX cell: typed, so a spreadsheet sorts and filters it — an ISO timestamp becomes a date
 * cell (UTC), booleans and numbers keep their type, null and missing stay empty.
 */
export function xlsxCell(v: unknown): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return ISO_TIMESTAMP.test(v) ? new Date(v) : v;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  return JSON.stringify(v);
}

/** XLSX sheet names: at most 31 characters, none of \ / ? * [ ] : */
export function sheetName(reportName: string): string {
  return reportName.slice(0, 31).replace(/[\\/?*[\]:]/g, ' ').trim() || 'Report';
}
