import { raw, type EntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { SaasApp } from './saas-app.entity';

/** A SaaS app with the number of its SaaS users that are not deleted. */
export interface SaasAppRow {
  id: string;
  name: string;
  vendor: string;
  /** numeric(14,4) as text: a price must not pass through a float. */
  seat_price: string | null;
  currency: string | null;
  seats_purchased: number | null;
  saas_users: string;
  created_at: Date;
  updated_at: Date;
}

/** What an operator may change on an app; an absent field is left as stored. */
export interface SaasAppChanges {
  name?: string;
  seatPrice?: number | null;
  currency?: string | null;
  seatsPurchased?: number | null;
}

const APP_SELECT = `select a.id, a.name, a.vendor, a.seat_price::text as seat_price, a.currency, a.seats_purchased, a.created_at, a.updated_at,
  count(s.id) filter (where s.status <> 'deleted') as saas_users
  from saas_app a left join saas_user s on s.saas_app_id = a.id`;

/**
 * The SaaS apps of the directory (one per vendor; created by the vendor's first mapping definition).
 * The operator's edit goes through the SaasApp entity; the reads stay one SQL statement because
 * each app comes with an aggregate (its live SaaS users) and the price as exact text.
 */
@Injectable()
export class SaasAppRepository {
  async list(em: EntityManager): Promise<SaasAppRow[]> {
    return em.execute<SaasAppRow[]>(`${APP_SELECT} group by a.id order by a.name, a.id`);
  }

  async findById(em: EntityManager, saasAppId: string): Promise<SaasAppRow | null> {
    const rows = await em.execute<SaasAppRow[]>(`${APP_SELECT} where a.id = ? group by a.id`, [saasAppId]);
    return rows[0] ?? null;
  }

  /** Applies the given changes (none: nothing is written). False when there is no such app. */
  async update(em: EntityManager, saasAppId: string, changes: SaasAppChanges): Promise<boolean> {
    const data: EntityData<SaasApp> = {};
    if (changes.name !== undefined) data.name = changes.name;
    if (changes.seatPrice !== undefined) data.seatPrice = changes.seatPrice === null ? null : String(changes.seatPrice);
    if (changes.currency !== undefined) data.currency = changes.currency;
    if (changes.seatsPurchased !== undefined) data.seatsPurchased = changes.seatsPurchased;
    if (Object.keys(data).length === 0) return true;
    const updated = await em.nativeUpdate(SaasApp, { id: saasAppId }, { ...data, updatedAt: raw('now()') });
    return updated > 0;
  }
}
