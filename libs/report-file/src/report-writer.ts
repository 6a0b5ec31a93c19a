import type { ReportFormat, ReportRowsView } from '@seatkeeper/contracts';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { csvCell, sheetName, xlsxCell } from './cell-format';

/** The next page of a report's rows (keyset cursor; undefined for the first). */
export type PageFetcher = (cursor: string | undefined) => Promise<ReportRowsView>;

/** Waits when the writer's buffer is full, so a slow reader slows the export rather than filling memory. */
async function write(stream: Writable, chunk: unknown): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/**
 * Writes a report to `out` as CSV or XLSX, one page at a time from `first` on, and ends `out`.
 * Memory holds one page and the writers' buffers whatever the report's size. Resolves with the
 * row count once `out` has taken the last byte; rejects if a page fails or `out` closes early.
 */
export async function writeReport(out: Writable, format: ReportFormat, first: ReportRowsView, fetchPage: PageFetcher): Promise<number> {
  let count = 0;
  let page = first;
  if (format === 'csv') {
    const csv = stringify({ header: true, columns: first.labels });
    csv.pipe(out);
    for (;;) {
      for (const row of page.rows) await write(csv, row.map(csvCell));
      count += page.rows.length;
      if (!page.nextCursor) break;
      page = await fetchPage(page.nextCursor);
    }
    csv.end();
  } else {
    // Streaming writer without shared strings or styles: rows are committed (written out and
    // released) as they come; the zip is streamed to `out`.
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const sheet = workbook.addWorksheet(sheetName(first.reportName));
    sheet.addRow(first.labels).commit();
    for (;;) {
      for (const row of page.rows) sheet.addRow(row.map(xlsxCell)).commit();
      count += page.rows.length;
      if (out.writableNeedDrain) await once(out, 'drain');
      if (!page.nextCursor) break;
      page = await fetchPage(page.nextCursor);
    }
    sheet.commit();
    await workbook.commit();
  }
  await finished(out, { readable: false });
  return count;
}

/**
 * A report as a readable byte stream, fetched from its first page on: what a scheduled delivery
 * POSTs. One-shot (a stream is read once): make a new one per attempt. `rows` resolves with the
 * count when the whole file has been produced; a failure destroys `body` with the error.
 */
export function reportFile(format: ReportFormat, fetchPage: PageFetcher): { body: PassThrough; rows: Promise<number> } {
  const body = new PassThrough();
  const rows = fetchPage(undefined).then((first) => writeReport(body, format, first, fetchPage));
  rows.catch((e: unknown) => body.destroy(e as Error));
  return { body, rows };
}
