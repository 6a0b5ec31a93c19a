import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { EntityName } from '../catalog/entities';
import type { SortSpec } from '../catalog/list-query';

/** A saved report definition (table `report`): a list, optionally grouped by one field. */
@Entity({ tableName: 'report' })
export class Report {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  entity!: EntityName;

  @Property({ type: 'json', columnType: 'jsonb' })
  columns!: string[];

  @Property({ type: 'json', columnType: 'jsonb', nullable: true })
  filter!: Record<string, unknown> | null;

  @Property({ type: 'json', columnType: 'jsonb' })
  sort!: SortSpec;

  @Property({ type: 'text', fieldName: 'group_by', nullable: true })
  groupBy!: string | null;

  @Property({ type: 'timestamptz', fieldName: 'created_at', defaultRaw: 'now()' })
  createdAt!: Date & Opt;

  @Property({ type: 'timestamptz', fieldName: 'updated_at', defaultRaw: 'now()' })
  updatedAt!: Date & Opt;
}
