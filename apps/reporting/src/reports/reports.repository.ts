import { raw } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Report } from './report.entity';

export type ReportFields = Pick<Report, 'name' | 'entity' | 'columns' | 'filter' | 'sort' | 'groupBy'>;

/** Saved report definitions: ordinary CRUD through the EntityManager, one fork per call. */
@Injectable()
export class ReportsRepository {
  constructor(private readonly orm: MikroORM) {}

  list(): Promise<Report[]> {
    return this.orm.em.fork().find(Report, {}, { orderBy: { name: 'asc', id: 'asc' } });
  }

  findById(id: string): Promise<Report | null> {
    return this.orm.em.fork().findOne(Report, { id });
  }

  async create(fields: ReportFields): Promise<Report> {
    const em = this.orm.em.fork();
    const report = em.create(Report, { id: uuidv7(), ...fields });
    await em.flush();
    return report;
  }

  /** null when there is no such report. */
  async update(id: string, fields: ReportFields): Promise<Report | null> {
    const em = this.orm.em.fork();
    const report = await em.findOne(Report, { id });
    if (!report) return null;
    em.assign(report, fields);
    // The database's clock, as the insert's default; read back by the update (returning).
    report.updatedAt = raw('now()');
    await em.flush();
    return report;
  }

  /** false when there was no such report; its share links and schedules go with it (on delete cascade). */
  async delete(id: string): Promise<boolean> {
    return (await this.orm.em.fork().nativeDelete(Report, { id })) > 0;
  }
}
