import { raw } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Dashboard } from './dashboard.entity';

export type DashboardFields = Pick<Dashboard, 'name' | 'widgets'>;

/** Saved dashboards: ordinary CRUD through the EntityManager, one fork per call. */
@Injectable()
export class DashboardsRepository {
  constructor(private readonly orm: MikroORM) {}

  /** Defaults first, then by name. */
  list(): Promise<Dashboard[]> {
    return this.orm.em.fork().find(Dashboard, {}, { orderBy: { isDefault: 'desc', name: 'asc', id: 'asc' } });
  }

  findById(id: string): Promise<Dashboard | null> {
    return this.orm.em.fork().findOne(Dashboard, { id });
  }

  async create(fields: DashboardFields): Promise<Dashboard> {
    const em = this.orm.em.fork();
    const dashboard = em.create(Dashboard, { id: uuidv7(), ...fields });
    await em.flush();
    return dashboard;
  }

  /** null when there is no such dashboard. */
  async update(id: string, fields: DashboardFields): Promise<Dashboard | null> {
    const em = this.orm.em.fork();
    const dashboard = await em.findOne(Dashboard, { id });
    if (!dashboard) return null;
    em.assign(dashboard, fields);
    // The database's clock, as the insert's default; read back by the update (returning).
    dashboard.updatedAt = raw('now()');
    await em.flush();
    return dashboard;
  }

  /** false when there was no such dashboard. */
  async delete(id: string): Promise<boolean> {
    return (await this.orm.em.fork().nativeDelete(Dashboard, { id })) > 0;
  }
}
