import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/**
 * `em.execute` with the parameters sent as bind parameters. `em.execute` formats them into the SQL
 * text client-side (pg's `escapeLiteral`, a character-by-character copy): for a statement carrying
 * a page of JSON (an outbox batch, a batch of directory rows) that copy cost more CPU than
 * building the JSON. Here knex hands the parameters to Postgres as `$1…$n`, untouched.
 * Same `?` placeholders, same rows (typed as `em.execute<T>` types them), same transaction as the EntityManager's.
 */
export async function executeBound<T extends unknown[] = Record<string, unknown>[]>(em: EntityManager, sql: string, params: readonly unknown[]): Promise<T> {
  const query = em.getConnection().getKnex().raw(sql, params as Knex.RawBinding[]);
  const trx = em.getTransactionContext();
  if (trx) query.transacting(trx);
  const result = (await query) as { rows: T };
  return result.rows;
}
