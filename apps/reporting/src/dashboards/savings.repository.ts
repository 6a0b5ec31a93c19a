import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

/** A rule compiled to SQL by libs/rules over rm_saas_user `u` and rm_person `p` (knex placeholders). */
export interface CompiledRule {
  sql: string;
  params: unknown[];
}

/** Seats and money per SaaS app; money as Postgres numeric text. */
export interface AppSavingsRow {
  saas_app_id: string;
  name: string | null;
  currency: string | null;
  seat_price: string | null;
  seats_purchased: number | null;
  active: number;
  inactive: number;
  leavers: number;
  reclaimable: number;
  freed: number;
  potential: string | null;
  realised: string | null;
}

/** One seat the ledger holds, with the app and account it was freed from. */
export interface LedgerRow {
  step_id: string;
  run_id: string;
  workflow_id: string;
  workflow_name: string;
  saas_user_id: string | null;
  saas_app_id: string | null;
  app_name: string | null;
  external_id: string | null;
  email: string | null;
  /** Postgres' text of freed_at: microseconds survive the round trip through the cursor. */
  freed_at_text: string;
  freed_at: Date | string;
  seat_price: string | null;
  currency: string | null;
}

/** The savings figures: set-based aggregates over the read models, computed in Postgres numerics. */
@Injectable()
export class SavingsRepository {
  constructor(private readonly orm: MikroORM) {}

  /** Per app: active, inactive, leavers' and reclaimable seats, seats freed, and both × the seat price. */
  async perApp(inactive: CompiledRule, leaver: CompiledRule): Promise<AppSavingsRow[]> {
    return this.orm.em.fork().execute<AppSavingsRow[]>(
      `with seats as (
         select u.saas_app_id,
           count(*) filter (where u.status = 'active')::int as active,
           count(*) filter (where ${inactive.sql})::int as inactive,
           count(*) filter (where u.status = 'active' and ${leaver.sql})::int as leavers,
           count(*) filter (where ${inactive.sql} or (u.status = 'active' and ${leaver.sql}))::int as reclaimable
         from rm_saas_user u left join rm_person p on p.person_id = u.person_id
         group by u.saas_app_id),
       freed as (select saas_app_id, count(*)::int as freed from rm_realised_saving where saas_app_id is not null group by saas_app_id),
       ids as (select saas_app_id from seats union select saas_app_id from freed)
       select ids.saas_app_id::text, a.name, a.currency, a.seat_price::text, a.seats_purchased,
         coalesce(s.active, 0) as active, coalesce(s.inactive, 0) as inactive, coalesce(s.leavers, 0) as leavers,
         coalesce(s.reclaimable, 0) as reclaimable, coalesce(f.freed, 0) as freed,
         (coalesce(s.reclaimable, 0) * a.seat_price)::text as potential, (coalesce(f.freed, 0) * a.seat_price)::text as realised
       from ids left join seats s using (saas_app_id) left join freed f using (saas_app_id)
         left join rm_saas_app a on a.saas_app_id = ids.saas_app_id
       order by a.name nulls last, ids.saas_app_id`,
      [...inactive.params, ...leaver.params, ...inactive.params, ...leaver.params],
    );
  }

  /** Newest first, keyset on (freed_at, step_id); `after` is the last row's (freed_at_text, step_id). */
  async ledger(limit: number, after?: [string, string]): Promise<LedgerRow[]> {
    return this.orm.em.fork().execute<LedgerRow[]>(
      `select l.step_id::text, l.run_id::text, l.workflow_id::text, l.workflow_name, l.saas_user_id::text, l.saas_app_id::text,
         a.name as app_name, l.external_id, u.email, l.freed_at::text as freed_at_text, l.freed_at, a.seat_price::text, a.currency
       from rm_realised_saving l left join rm_saas_app a on a.saas_app_id = l.saas_app_id left join rm_saas_user u on u.saas_user_id = l.saas_user_id
       where ${after ? '(l.freed_at, l.step_id) < (?::timestamptz, ?::uuid)' : 'true'}
       order by l.freed_at desc, l.step_id desc limit ?`,
      [...(after ?? []), limit],
    );
  }
}
