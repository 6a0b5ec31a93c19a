import type { ReportFormat } from '@seatkeeper/contracts';
import { CONTENT_TYPES, writeReport, type PageFetcher } from '@seatkeeper/report-file';
import type { Response } from 'express';

function fileName(report: string, format: ReportFormat): string {
  const slug = report.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'report';
  return `${slug}-${new Date().toISOString().slice(0, 10)}.${format}`;
}

/**
 * Streams a report as CSV or XLSX (`@seatkeeper/report-file`: one page of rows, from reporting by
 * keyset, at a time), as a download. The first page is fetched before any byte is sent, so a bad
 * request still gets a problem+json; a failure later can only cut the download short.
 */
export async function streamReport(res: Response, format: ReportFormat, fetchPage: PageFetcher): Promise<void> {
  const first = await fetchPage(undefined);
  res.status(200);
  res.setHeader('content-type', CONTENT_TYPES[format]);
  res.setHeader('content-disposition', `attachment; filename="${fileName(first.reportName, format)}"`);
  res.setHeader('cache-control', 'no-store');
  try {
    await writeReport(res, format, first, fetchPage);
  } catch (e) {
    res.destroy(e as Error);
    throw e;
  }
}
