import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { WidgetSpec } from '@seatkeeper/contracts';

/** A saved dashboard (table `dashboard`): its widgets, checked when saved, as jsonb. */
@Entity({ tableName: 'dashboard' })
export class Dashboard {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'json', columnType: 'jsonb' })
  widgets!: WidgetSpec[];

  @Property({ type: 'boolean', fieldName: 'is_default' })
  isDefault: boolean & Opt = false;

  @Property({ type: 'timestamptz', fieldName: 'created_at', defaultRaw: 'now()' })
  createdAt!: Date & Opt;

  @Property({ type: 'timestamptz', fieldName: 'updated_at', defaultRaw: 'now()' })
  updatedAt!: Date & Opt;
}
