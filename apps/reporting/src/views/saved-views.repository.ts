import { raw } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { SavedView } from './saved-view.entity';

/** What a view's owner sets; the id, the default flag and the times are the repository's. */
export type SavedViewFields = Pick<SavedView, 'entity' | 'name' | 'columns' | 'filter' | 'sort'>;

/** Saved list views: ordinary CRUD through the EntityManager, one fork per call. */
@Injectable()
export class SavedViewsRepository {
  constructor(private readonly orm: MikroORM) {}

  /** Defaults first, then by name. */
  list(): Promise<SavedView[]> {
    return this.orm.em.fork().find(SavedView, {}, { orderBy: { isDefault: 'desc', name: 'asc', id: 'asc' } });
  }

  findById(id: string): Promise<SavedView | null> {
    return this.orm.em.fork().findOne(SavedView, { id });
  }

  async create(fields: SavedViewFields): Promise<SavedView> {
    const em = this.orm.em.fork();
    const view = em.create(SavedView, { id: uuidv7(), ...fields });
    await em.flush();
    return view;
  }

  /** null when there is no such view. */
  async update(id: string, fields: SavedViewFields): Promise<SavedView | null> {
    const em = this.orm.em.fork();
    const view = await em.findOne(SavedView, { id });
    if (!view) return null;
    em.assign(view, fields);
    // The database's clock, as the insert's default; read back by the update (returning).
    view.updatedAt = raw('now()');
    await em.flush();
    return view;
  }

  /** false when there was no such view. */
  async delete(id: string): Promise<boolean> {
    return (await this.orm.em.fork().nativeDelete(SavedView, { id })) > 0;
  }
}
