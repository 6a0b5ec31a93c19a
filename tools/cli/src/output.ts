import Table from 'cli-table3';
import type { Problem } from './api-client';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress bars only then). */
  isTty: boolean;
}

export interface Column<T> {
  header: string;
  value(row: T): unknown;
}

/** Rows as a human table, or the raw objects as JSON with `--json` (for scripts). */
export function printRows<T>(io: Io, json: boolean, rows: T[], columns: Array<Column<T>>): void {
  if (json) {
    io.out(JSON.stringify(rows, null, 2));
    return;
  }
  if (rows.length === 0) {
    io.out('(none)');
    return;
  }
  const table = new Table({ head: columns.map((c) => c.header), style: { head: [], border: [] } });
  for (const row of rows) table.push(columns.map((c) => cell(c.value(row))));
  io.out(table.toString());
}

export function printObject(io: Io, json: boolean, value: unknown, fields?: Array<[string, unknown]>): void {
  if (json || !fields) {
    io.out(JSON.stringify(value, null, 2));
    return;
  }
  const table = new Table({ style: { head: [], border: [] } });
  for (const [k, v] of fields) table.push({ [k]: cell(v) });
  io.out(table.toString());
}

function cell(v: unknown): string {
  if (v === undefined || v === null || v === '') return '-';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A problem, plainly: "error CODE (status): detail", then each field error, then the request id. */
export function formatProblem(p: Problem): string {
  const lines = [`error ${p.code}${p.status ? ` (${p.status})` : ''}: ${p.detail ?? p.title ?? 'request failed'}`];
  for (const e of p.errors ?? []) {
    const fe = e as { field?: string; messages?: string[] };
    lines.push(fe.field ? `  ${fe.field}: ${(fe.messages ?? []).join('; ')}` : `  ${JSON.stringify(e)}`);
  }
  if (p.request_id) lines.push(`  request id: ${String(p.request_id)}`);
  return lines.join('\n');
}
