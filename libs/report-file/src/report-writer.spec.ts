import type { ReportRowsView } from '@seatkeeper/contracts';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { csvCell, sheetName, xlsxCell } from './cell-format';
import { reportFile, writeReport, type PageFetcher } from './report-writer';

const AT = '2026-11-30T08:15:42.123Z';

/** A two-page report with every kind of value reporting sends (JSON: dates arrive as ISO strings). */
const pages: ReportRowsView[] = [
  {
    reportName: 'Leavers: accounts [PagerDuty] and more than thirty-one characters',
    columns: ['email', 'lastActivityAt', 'invitationSent', 'seats', 'person.department'],
    labels: ['Email', 'Last activity', 'Invitation sent', 'Seats', 'Department'],
    rows: [
      ['a@example.com', AT, true, 3, null],
      ['b, "quoted"@example.com', null, false, 0.5, 'Support'],
    ],
    nextCursor: 'page-2',
  } as ReportRowsView,
  { reportName: 'ignored', columns: [], labels: [], rows: [['c@example.com', '2026-12-01', null, -2, undefined]], nextCursor: null } as unknown as ReportRowsView,
];
const fetchPage: PageFetcher = async (cursor) => (cursor === 'page-2' ? (pages[1] as ReportRowsView) : (pages[0] as ReportRowsView));

describe('cell formatting (one decision for the gateway export and the scheduled delivery)', () => {
  it('CSV: ISO timestamps as given, true/false, numbers as written, null and missing empty', () => {
    expect([AT, new Date(AT), true, false, 3, 0.5, null, undefined, 'text', { a: 1 }].map(csvCell)).toEqual([
      AT, AT, 'true', 'false', '3', '0.5', '', '', 'text', '{"a":1}',
    ]);
  });

  it('XLSX: ISO timestamps become dates, other values keep their type, a plain date string stays text', () => {
    expect(xlsxCell(AT)).toEqual(new Date(AT));
    expect([true, false, 3, null, undefined, '2026-12-01', 'text'].map(xlsxCell)).toEqual([true, false, 3, null, null, '2026-12-01', 'text']);
  });

  it('sheet names: 31 characters at most, none of the characters Excel refuses', () => {
    expect(sheetName('Leavers: accounts [PagerDuty] and more')).toBe('Leavers  accounts  PagerDuty  a');
    expect(sheetName('///')).toBe('Report');
  });
});

describe('writeReport / reportFile', () => {
  it('writes every page as CSV with the header and the formatting above, quoting where needed', async () => {
    const out = new PassThrough();
    const bytes = buffer(out);
    expect(await writeReport(out, 'csv', pages[0] as ReportRowsView, fetchPage)).toBe(3);
    expect((await bytes).toString('utf8').split('\n')).toEqual([
      'Email,Last activity,Invitation sent,Seats,Department',
      `a@example.com,${AT},true,3,`,
      '"b, ""quoted""@example.com",,false,0.5,Support',
      'c@example.com,2026-12-01,,-2,',
      '',
    ]);
  });

  it('writes an XLSX that reads back with typed cells; a second reportFile is a fresh stream', async () => {
    const first = reportFile('xlsx', fetchPage);
    const again = reportFile('xlsx', fetchPage);
    const [a, b] = await Promise.all([buffer(first.body), buffer(again.body)]);
    expect([await first.rows, await again.rows]).toEqual([3, 3]);
    const read = async (bytes: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      return wb.worksheets[0] as ExcelJS.Worksheet;
    };
    const sheet = await read(a);
    expect((await read(b)).rowCount).toBe(4);
    expect(sheet.name).toBe('Leavers  accounts  PagerDuty  a');
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['Email', 'Last activity', 'Invitation sent', 'Seats', 'Department']);
    expect(values(2)).toEqual(['a@example.com', new Date(AT), true, 3]);
    expect(values(3)).toEqual(['b, "quoted"@example.com', undefined, false, 0.5, 'Support']);
    expect(values(4)).toEqual(['c@example.com', '2026-12-01', undefined, -2]);
  });

  it('a page that fails destroys the stream with the error', async () => {
    const file = reportFile('csv', async (cursor) => {
      if (cursor) throw new Error('reporting went away');
      return pages[0] as ReportRowsView;
    });
    await expect(buffer(file.body)).rejects.toThrow('reporting went away');
    await expect(file.rows).rejects.toThrow('reporting went away');
  });
});
