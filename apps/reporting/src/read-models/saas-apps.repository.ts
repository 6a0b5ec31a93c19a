import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

/** A SaaS app as mapping describes it (`directory.saas-apps.list`); the seat price a decimal string. */
export interface SaasAppCopyRow {
  id: string;
  name: string;
  vendor: string;
  seat_price: string | null;
  currency: string | null;
  seats_purchased: number | null;
}

/** rm_saas_app: reporting's copy of mapping's SaaS apps, written a whole list at a time. */
@Injectable()
export class SaasAppsRepository {
  constructor(private readonly orm: MikroORM) {}

  async upsert(apps: SaasAppCopyRow[]): Promise<void> {
    if (!apps.length) return;
    await this.orm.em.fork().execute(
      `insert into rm_saas_app (saas_app_id, name, vendor, seat_price, currency, seats_purchased, refreshed_at)
       select x.id, x.name, x.vendor, x.seat_price::numeric, x.currency, x.seats_purchased, now()
       from jsonb_to_recordset(?::jsonb) as x(id uuid, name text, vendor text, seat_price text, currency text, seats_purchased int)
       on conflict (saas_app_id) do update set name = excluded.name, vendor = excluded.vendor, seat_price = excluded.seat_price,
         currency = excluded.currency, seats_purchased = excluded.seats_purchased, refreshed_at = excluded.refreshed_at`,
      [JSON.stringify(apps)],
    );
  }
}
