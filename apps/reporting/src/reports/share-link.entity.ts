import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

/** A share link (table `share_link`); the token is signed, the row makes it revocable. Deleted with its report. */
@Entity({ tableName: 'share_link' })
export class ShareLink {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', fieldName: 'report_id' })
  reportId!: string;

  @Property({ type: 'timestamptz', fieldName: 'expires_at' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', fieldName: 'revoked_at', nullable: true })
  revokedAt: (Date & Opt) | null = null;

  @Property({ type: 'timestamptz', fieldName: 'created_at', defaultRaw: 'now()' })
  createdAt!: Date & Opt;
}
