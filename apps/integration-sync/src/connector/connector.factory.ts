import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  pagerDutyEgress,
  PagerDutyConnector,
  RateBudgetRegistry,
  type EgressPolicy,
  type PagerDutyCredential,
  type PagerDutyRegion,
} from '@seatkeeper/connector-pagerduty';
import { IntegrationSyncEnv } from '../config/integration-sync.env';

/**
 * Builds connectors with this process's settings and ONE budget registry, so a sync and the
 * workflow actions using the same credential draw from the same share of PagerDuty's limit.
 */
@Injectable()
export class ConnectorFactory implements OnApplicationShutdown {
  readonly budgets: RateBudgetRegistry;
  /** Where a credential may be sent: the official hosts and SYNC_ALLOWED_BASE_URLS, checked at every request. */
  readonly egress: EgressPolicy;

  constructor(private readonly env: IntegrationSyncEnv) {
    this.budgets = new RateBudgetRegistry({ accountLimitPerMinute: env.SYNC_RATE_LIMIT_PER_MINUTE, share: env.SYNC_RATE_SHARE });
    this.egress = pagerDutyEgress(env.SYNC_ALLOWED_BASE_URLS);
  }

  pagerDuty(target: { region: PagerDutyRegion; baseUrl: string | null }, credential: PagerDutyCredential): PagerDutyConnector {
    return new PagerDutyConnector(
      { region: target.region, baseUrl: target.baseUrl ?? undefined, credential },
      {
        budgets: this.budgets,
        egress: this.egress,
        timeoutMs: this.env.SYNC_HTTP_TIMEOUT_MS,
        retry: { maxAttempts: this.env.SYNC_RETRY_MAX_ATTEMPTS, initialDelayMs: this.env.SYNC_RETRY_INITIAL_DELAY_MS },
      },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.budgets.dispose();
    await this.egress.close();
  }
}
