import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { PagerDutyRestoreResult } from '@seatkeeper/contracts';
import { RestoreKit, type StoredKit } from './restore-kit.entity';

/**
 * Restore kits, one per vendor-delete step that reached PagerDuty. Stored with an upsert (a
 * resumed step stores its kit again) in SQL; read, locked and completed through the entity.
 */
@Injectable()
export class RestoreKitsRepository {
  /** The step's kit, replacing one stored by an earlier attempt of the step. */
  async store(em: EntityManager, k: { stepId: string; saasUserId: string; externalId: string; kit: StoredKit }): Promise<void> {
    await em.execute(`insert into restore_kit (step_id, saas_user_id, external_id, kit) values (?, ?, ?, ?) on conflict (step_id) do update set kit = excluded.kit`, [
      k.stepId,
      k.saasUserId,
      k.externalId,
      JSON.stringify(k.kit),
    ]);
  }

  /** The step's kit locked FOR UPDATE until the caller's transaction ends (two restores of one step run one after the other). */
  async lock(em: EntityManager, stepId: string): Promise<RestoreKit | null> {
    return em.findOne(RestoreKit, { stepId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** The account is back: its new id, when, by whom and what the restore did. */
  async markRestored(em: EntityManager, kit: RestoreKit, result: PagerDutyRestoreResult, actor: string | null): Promise<RestoreKit> {
    kit.restoredExternalId = result.userId;
    kit.restoredAt = new Date();
    kit.restoredBy = actor;
    kit.restoreResult = result;
    await em.flush();
    return kit;
  }
}
