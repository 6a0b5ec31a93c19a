import type { ReportFormat, ReportRowsView } from '@seatkeeper/contracts';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export type PageFetcher = (cursor: string | undefined) => Promise<ReportRowsView>;

const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function fileName(report: string, format: ReportFormat): string {
  const slug = report.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'report';
  return `${slug}-${new Date().toISOString().slice(0, 10)}.${format}`;
}

/** A cell as a spreadsheet shows it: ISO dates become dates, everything else stays as given. */
function cell(v: unknown): unknown {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v)) return new Date(v);
  return v ?? null;
}

/** Waits when the writer's buffer is full, so a slow client slows the export rather than filling memory. */
async function write(stream: Writable, chunk: unknown): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/**
 * Streams a report as CSV or XLSX, one page of rows (from reporting, by keyset) at a time: memory
 * holds one page whatever the report's size. The first page is fetched before any byte is sent,
 * so a bad request still gets a problem+json; a failure later can only cut the download short.
 */
export async function streamReport(res: Response, format: ReportFormat, fetchPage: PageFetcher): Promise<void> {
  const first = await fetchPage(undefined);
  res.status(200);
  res.setHeader('content-type', CONTENT_TYPES[format]);
  res.setHeader('content-disposition', `attachment; filename="${fileName(first.reportName, format)}"`);
  res.setHeader('cache-control', 'no-store');
  try {
    if (format === 'csv') await writeCsv(res, first, fetchPage);
    else await writeXlsx(res, first, fetchPage);
  } catch (e) {
    res.destroy(e as Error);
    throw e;
  }
}

async function writeCsv(res: Response, first: ReportRowsView, fetchPage: PageFetcher): Promise<void> {
  const csv = stringify({ header: true, columns: first.labels, cast: { date: (d) => d.toISOString(), boolean: (b) => (b ? 'true' : 'false') } });
  csv.pipe(res);
  let page: ReportRowsView = first;
  for (;;) {
    for (const row of page.rows) await write(csv, row);
    if (!page.nextCursor) break;
    page = await fetchPage(page.nextCursor);
  }
  csv.end();
  await once(res, 'finish');
}

async function writeXlsx(res: Response, first: ReportRowsView, fetchPage: PageFetcher): Promise<void> {
  // Streaming writer without shared strings or styles: rows are committed (written out and
  // released) as they come; the zip is streamed to the response.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(first.reportName.slice(0, 31).replace(/[\\/?*[\]:]/g, ' ') || 'Report');
  sheet.addRow(first.labels).commit();
  let page: ReportRowsView = first;
  for (;;) {
    for (const row of page.rows) sheet.addRow(row.map(cell)).commit();
    if (res.writableNeedDrain) await once(res, 'drain');
    if (!page.nextCursor) break;
    page = await fetchPage(page.nextCursor);
  }
  sheet.commit();
  await workbook.commit();
}
