import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One mutating request: who, what, on which target, when, and how it ended. */
@Entity({ tableName: 'audit_log' })
export class AuditEntry {
  /** UUIDv7: time-ordered, so (occurred_at, id) pages stably. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'timestamptz', fieldName: 'occurred_at' })
  occurredAt!: Date;

  /** Null when the request carried no valid token (it was refused with 401). */
  @Property({ type: 'uuid', fieldName: 'actor_token_id', nullable: true })
  actorTokenId?: string | null;

  @Property({ type: 'text', fieldName: 'actor_name', nullable: true })
  actorName?: string | null;

  /** `METHOD /route/:template`, e.g. `DELETE /api/v1/tokens/:id`. */
  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'text', nullable: true })
  target?: string | null;

  @Property({ type: 'integer' })
  status!: number;

  @Property({ type: 'text', fieldName: 'request_id', nullable: true })
  requestId?: string | null;
}
