import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

/**
 * Active SaaS accounts at the end of each of the last `days` UTC days, from the status history
 * (rm_saas_user_status_change): an account counts on a day when its latest status change up to
 * that day's end says `active`. So the series can be drawn for days before reporting was asked.
 */
@Injectable()
export class ActiveSeriesRepository {
  constructor(private readonly orm: MikroORM) {}

  async activePerDay(
    days: number,
    now: Date,
  ): Promise<{ date: string; value: number }[]> {
    const rows = await this.orm.em
      .fork()
      .execute<{ day: string; value: number }[]>(
        `with days as (
       select d::date as day, (d + interval '1 day') as day_end
       from generate_series(date_trunc('day', ?::timestamptz at time zone 'UTC') - (? - 1) * interval '1 day',
                            date_trunc('day', ?::timestamptz at time zone 'UTC'), interval '1 day') d),
     spans as materialized (
       select status, occurred_at as valid_from,
         lead(occurred_at) over (partition by saas_user_id order by occurred_at, event_id) as valid_to
       from rm_saas_user_status_change)
     select to_char(days.day, 'YYYY-MM-DD') as day,
       (select count(*) from spans s where s.status = 'active' and s.valid_from < (days.day_end at time zone 'UTC')
          and (s.valid_to is null or s.valid_to >= (days.day_end at time zone 'UTC')))::int as value
     from days order by days.day`,
        [now.toISOString(), days, now.toISOString()],
      );
    return rows.map((r) => ({ date: r.day, value: r.value }));
  }
}
