import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '@seatkeeper/platform-persistence';

/** Every table an event projects into; saved views, dashboards, reports and links are configuration and stay. */
export const READ_MODEL_TABLES = [
  'rm_person',
  'rm_saas_user',
  'rm_saas_user_status_change',
  'rm_sync_run',
  'rm_workflow_run',
  'rm_workflow_action',
  'rm_realised_saving',
] as const;

/**
 * What a rebuild clears: every read model, and the inbox rows (and per-entity cursors) of the
 * given durable consumers, so their replay is admitted again. Call it in one transaction.
 */
export class ReadModelResetRepository {
  async reset(em: EntityManager, consumers: readonly string[]): Promise<void> {
    await em.execute(`truncate ${READ_MODEL_TABLES.join(', ')}`);
    await executeBound(em, 'delete from inbox where consumer = any(?)', [consumers]);
    await executeBound(em, 'delete from inbox_entity_cursor where consumer = any(?)', [consumers]);
  }
}
