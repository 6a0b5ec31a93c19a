import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Role } from './role';

/** An API token: only the SHA-256 of the secret is kept, the secret itself was shown once. */
@Entity({ tableName: 'api_token' })
export class ApiToken {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  role!: Role;

  @Property({ type: 'text', fieldName: 'secret_hash', unique: true, hidden: true })
  secretHash!: string;

  /** `skp_` + 4 characters: enough to recognise a token in a list, useless to an attacker. */
  @Property({ type: 'text', fieldName: 'token_prefix' })
  tokenPrefix!: string;

  @Property({ type: 'timestamptz', fieldName: 'created_at' })
  createdAt!: Date;

  @Property({ type: 'uuid', fieldName: 'created_by', nullable: true })
  createdBy?: string | null;

  @Property({ type: 'timestamptz', fieldName: 'last_used_at', nullable: true })
  lastUsedAt?: Date | null;

  @Property({ type: 'timestamptz', fieldName: 'revoked_at', nullable: true })
  revokedAt?: Date | null;

  @Property({ type: 'uuid', fieldName: 'revoked_by', nullable: true })
  revokedBy?: string | null;
}
