import type { ReportFormat, ReportRowsView } from '@seatkeeper/contracts';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';

export type PageFetcher = (cursor: string | undefined) => Promise<ReportRowsView>;

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function cell(v: unknown): unknown {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v)) return new Date(v);
  return v ?? null;
}

async function write(stream: Writable, chunk: unknown): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/**
 * A report as a byte stream (CSV or XLSX) fed page by page: what a schedule POSTs to its webhook.
 * Memory holds one page and the writers' buffers; `rows` resolves with the count when done.
 */
export function reportFile(format: ReportFormat, fetchPage: PageFetcher): { body: PassThrough; rows: Promise<number> } {
  const body = new PassThrough();
  const rows = (async () => {
    let count = 0;
    let page = await fetchPage(undefined);
    if (format === 'csv') {
      const csv = stringify({ header: true, columns: page.labels });
      csv.pipe(body);
      for (;;) {
        for (const r of page.rows) await write(csv, r);
        count += page.rows.length;
        if (!page.nextCursor) break;
        page = await fetchPage(page.nextCursor);
      }
      csv.end();
    } else {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: body, useSharedStrings: false, useStyles: false });
      const sheet = workbook.addWorksheet(page.reportName.slice(0, 31).replace(/[\\/?*[\]:]/g, ' ') || 'Report');
      sheet.addRow(page.labels).commit();
      for (;;) {
        for (const r of page.rows) sheet.addRow(r.map(cell)).commit();
        count += page.rows.length;
        if (body.writableNeedDrain) await once(body, 'drain');
        if (!page.nextCursor) break;
        page = await fetchPage(page.nextCursor);
      }
      sheet.commit();
      await workbook.commit();
    }
    return count;
  })();
  rows.catch((e: unknown) => body.destroy(e as Error));
  return { body, rows };
}
