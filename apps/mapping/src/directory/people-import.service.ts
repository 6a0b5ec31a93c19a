import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  EMPLOYMENT_STATUSES,
  PersonCreatedV1,
  PersonUpdatedV1,
  RpcErrorCode,
  type ImportPeopleRequest,
  type ImportPeopleResult,
  type ImportRowReport,
} from '@seatkeeper/contracts';
import { OutboxWriter, RpcException } from '@seatkeeper/platform-messaging';
import { isEmail } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { v7 as uuidv7 } from 'uuid';
import { PersonRepository } from './person.repository';
import { personSnapshot } from './rows';

interface FeedRow {
  email: string;
  employment_status?: string;
  department?: string;
  termination_date?: string;
}

const MAX_ROWS = 50_000;

function parseFeed(req: ImportPeopleRequest): Record<string, unknown>[] {
  try {
    const rows: unknown =
      req.format === 'csv'
        ? parse(req.content, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true })
        : JSON.parse(req.content);
    if (!Array.isArray(rows)) throw new Error('expected a JSON array of rows');
    if (rows.length > MAX_ROWS) throw new Error(`at most ${MAX_ROWS} rows per import`);
    return rows as Record<string, unknown>[];
  } catch (e) {
    throw new RpcException(RpcErrorCode.ValidationFailed, `The ${req.format.toUpperCase()} feed cannot be read: ${(e as Error).message}`);
  }
}

/** One row's problem, or the row cleaned up. */
function checkRow(raw: Record<string, unknown>): FeedRow | string {
  const text = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v).trim());
  const email = text(raw['email'])?.toLowerCase();
  if (!email) return 'no email';
  if (!isEmail(email)) return `invalid email "${email}"`;
  const status = text(raw['employment_status']);
  if (status && !EMPLOYMENT_STATUSES.includes(status as never)) return `employment_status "${status}" is not one of ${EMPLOYMENT_STATUSES.join(', ')}`;
  const date = text(raw['termination_date']);
  if (date && (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))) return `termination_date "${date}" is not a date (YYYY-MM-DD)`;
  if (status === 'terminated' && !date) return 'a terminated person needs a termination_date';
  const department = text(raw['department']);
  if (department && department.length > 200) return 'department too long (more than 200 characters)';
  return { email, employment_status: status, department, termination_date: date };
}

/**
 * Imports an HR feed: each row upserts a person by email (employment status, department,
 * termination date). Rows are applied or refused one by one; the report says which and why.
 */
@Injectable()
export class PeopleImportService {
  constructor(
    private readonly orm: MikroORM,
    private readonly outbox: OutboxWriter,
    private readonly people: PersonRepository,
  ) {}

  async import(req: ImportPeopleRequest): Promise<ImportPeopleResult> {
    const raws = parseFeed(req);
    return this.orm.em.fork().transactional(async (em) => {
      const rows: ImportRowReport[] = [];
      const seen = new Set<string>();
      for (const [i, raw] of raws.entries()) {
        const checked = typeof raw === 'object' && raw !== null ? checkRow(raw) : 'not an object';
        const email = typeof raw === 'object' && raw !== null && typeof raw['email'] === 'string' ? raw['email'].toLowerCase() : null;
        if (typeof checked === 'string') {
          rows.push({ row: i + 1, email, outcome: 'refused', reason: checked });
          continue;
        }
        if (seen.has(checked.email)) {
          rows.push({ row: i + 1, email: checked.email, outcome: 'refused', reason: 'the email appears earlier in this feed' });
          continue;
        }
        seen.add(checked.email);
        rows.push({ row: i + 1, email: checked.email, outcome: await this.upsert(em, checked) });
      }
      const count = (o: ImportRowReport['outcome']) => rows.filter((r) => r.outcome === o).length;
      return { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), refused: count('refused'), rows };
    });
  }

  private async upsert(em: EntityManager, row: FeedRow): Promise<'created' | 'updated' | 'unchanged'> {
    const existing = await this.people.lockByEmail(em, row.email);
    if (!existing) {
      const id = uuidv7();
      const created = await this.people.createFromFeed(em, id, row.email, {
        employment_status: row.employment_status ?? 'active',
        department: row.department ?? null,
        termination_date: row.termination_date ?? null,
      });
      await this.outbox.add(em, PersonCreatedV1, personSnapshot(created), { entityKey: `person:${id}` });
      return 'created';
    }
    const next = {
      employmentStatus: row.employment_status ?? existing.employment_status,
      department: row.department ?? existing.department,
      terminationDate: (row.employment_status ?? existing.employment_status) === 'terminated' ? (row.termination_date ?? existing.termination_date) : null,
    };
    const changed: Record<string, unknown> = {};
    if (next.employmentStatus !== existing.employment_status) changed['employmentStatus'] = next.employmentStatus;
    if ((next.department ?? null) !== existing.department) changed['department'] = next.department;
    if ((next.terminationDate ?? null) !== existing.termination_date) changed['terminationDate'] = next.terminationDate;
    if (Object.keys(changed).length === 0) return 'unchanged';
    const updated = await this.people.updateFromFeed(em, existing.id, {
      employment_status: next.employmentStatus,
      department: next.department,
      termination_date: next.terminationDate,
    });
    await this.outbox.add(em, PersonUpdatedV1, personSnapshot(updated, changed), { entityKey: `person:${existing.id}` });
    return 'updated';
  }
}
