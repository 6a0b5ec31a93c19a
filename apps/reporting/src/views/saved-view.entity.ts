import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { EntityName } from '../catalog/entities';
import type { SortSpec } from '../catalog/list-query';

/** A saved list view (table `saved_view`); the defaults are seeded by the migration and editable. */
@Entity({ tableName: 'saved_view' })
export class SavedView {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  entity!: EntityName;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'json', columnType: 'jsonb' })
  columns!: string[];

  @Property({ type: 'json', columnType: 'jsonb', nullable: true })
  filter!: Record<string, unknown> | null;

  @Property({ type: 'json', columnType: 'jsonb' })
  sort!: SortSpec;

  @Property({ type: 'boolean', fieldName: 'is_default' })
  isDefault: boolean & Opt = false;

  @Property({ type: 'timestamptz', fieldName: 'created_at', defaultRaw: 'now()' })
  createdAt!: Date & Opt;

  @Property({ type: 'timestamptz', fieldName: 'updated_at', defaultRaw: 'now()' })
  updatedAt!: Date & Opt;
}
