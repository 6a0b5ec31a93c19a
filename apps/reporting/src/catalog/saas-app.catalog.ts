import { Injectable } from '@nestjs/common';
import { DirectorySaasAppsList } from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';
import { PinoLogger } from 'nestjs-pino';
import { SaasAppsRepository } from '../read-models/saas-apps.repository';

const MAX_AGE_MS = 15_000;

/**
 * SaaS apps' names, seat prices and seats purchased belong to mapping and travel on no event, so
 * reporting asks `directory.saas-apps.list` and keeps a copy (rm_saas_app) for joins. The copy is
 * refreshed when older than 15 s; when mapping does not answer, the last copy is used (and asked
 * again 15 s later).
 */
@Injectable()
export class SaasAppCatalog {
  private refreshedAt = 0;
  private inflight?: Promise<void>;

  constructor(
    private readonly copies: SaasAppsRepository,
    private readonly rpc: RpcClient,
    private readonly logger: PinoLogger,
  ) {}

  async refreshIfStale(): Promise<void> {
    if (Date.now() - this.refreshedAt < MAX_AGE_MS) return;
    this.inflight ??= this.refresh().finally(() => (this.inflight = undefined));
    await this.inflight;
  }

  async refresh(): Promise<void> {
    try {
      const { data } = await this.rpc.request(DirectorySaasAppsList, {}, { timeoutMs: 3000 });
      if (data.length > 0) {
        await this.copies.upsert(
          data.map((a) => ({ id: a.id, name: a.name, vendor: a.vendor, seat_price: a.seatPrice, currency: a.currency, seats_purchased: a.seatsPurchased })),
        );
      }
    } catch (e) {
      this.logger.warn({ err: (e as Error).message }, 'could not refresh SaaS apps from mapping; using the last copy');
    }
    // Also after a failure: an export of 50 pages must not wait on an absent mapping 50 times.
    this.refreshedAt = Date.now();
  }
}
