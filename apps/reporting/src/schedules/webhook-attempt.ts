import type { ReportFormat } from '@seatkeeper/contracts';
import { CONTENT_TYPES, reportFile, type PageFetcher } from '@seatkeeper/report-file';

export interface AttemptOutcome {
  ok: boolean;
  /** Worth another attempt: the webhook may answer later (network error, timeout, 408, 429, 5xx). */
  retryable: boolean;
  http: number | null;
  rows: number | null;
  bytes: number;
  error: string | null;
}

export interface WebhookTarget {
  url: string;
  format: ReportFormat;
  reportId: string;
  deliveryId: string;
  timeoutMs: number;
}

/** A webhook answer that says "not now" rather than "never": worth trying again. */
const RETRYABLE_STATUS = (status: number) => status >= 500 || status === 408 || status === 429;

/**
 * One POST of the report file to the webhook. The file is built afresh from the first page on
 * every call: a stream is read once, so a retry cannot resend the previous attempt's body.
 * Never throws; the outcome says what happened and whether trying again makes sense.
 */
export async function postReportOnce(target: WebhookTarget, fetchPage: PageFetcher): Promise<AttemptOutcome> {
  let bytes = 0;
  try {
    const file = reportFile(target.format, fetchPage);
    file.body.on('data', (chunk: Buffer) => (bytes += chunk.length));
    const res = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': CONTENT_TYPES[target.format],
        'x-seatkeeper-report-id': target.reportId,
        'x-seatkeeper-delivery-id': target.deliveryId,
      },
      body: file.body as unknown as ReadableStream,
      duplex: 'half',
      signal: AbortSignal.timeout(target.timeoutMs),
    } as RequestInit & { duplex: 'half' });
    const rows = await file.rows;
    await res.body?.cancel();
    if (res.ok) return { ok: true, retryable: false, http: res.status, rows, bytes, error: null };
    return { ok: false, retryable: RETRYABLE_STATUS(res.status), http: res.status, rows, bytes, error: `the webhook answered ${res.status}` };
  } catch (e) {
    return { ok: false, retryable: true, http: null, rows: null, bytes, error: (e as Error).message.slice(0, 2000) };
  }
}
