import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { PagerDutyRestoreKit, PagerDutyRestoreResult } from '@seatkeeper/contracts';

/** What the vendor-delete block stores before the DELETE: the user, and where to find them again. */
export type StoredKit = PagerDutyRestoreKit & {
  schedules?: { id: string; name: string | null }[];
  escalationPolicies?: { id: string; name: string | null }[];
  integrationId: string;
  credentialId: string;
};

/** What PagerDuty held for an account just before a workflow deleted it (table `restore_kit`); restore recreates it. */
@Entity({ tableName: 'restore_kit' })
export class RestoreKit {
  [OptionalProps]?: 'restoredExternalId' | 'restoredAt' | 'restoredBy' | 'restoreResult' | 'createdAt';

  @PrimaryKey({ type: 'uuid', fieldName: 'step_id' })
  stepId!: string;

  @Property({ type: 'uuid', fieldName: 'saas_user_id' })
  saasUserId!: string;

  @Property({ type: 'text', fieldName: 'external_id' })
  externalId!: string;

  @Property({ type: 'json' })
  kit!: StoredKit;

  @Property({ type: 'text', fieldName: 'restored_external_id', nullable: true })
  restoredExternalId: string | null = null;

  @Property({ type: 'timestamptz', fieldName: 'restored_at', nullable: true })
  restoredAt: Date | null = null;

  @Property({ type: 'text', fieldName: 'restored_by', nullable: true })
  restoredBy: string | null = null;

  @Property({ type: 'json', fieldName: 'restore_result', nullable: true })
  restoreResult: PagerDutyRestoreResult | null = null;

  @Property({ type: 'timestamptz', fieldName: 'created_at' })
  createdAt: Date = new Date();
}
