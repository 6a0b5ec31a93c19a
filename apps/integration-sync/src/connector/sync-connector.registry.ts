import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ConnectorRegistry } from '@seatkeeper/connector-kit';
import { IntegrationSyncEnv } from '../config/integration-sync.env';
import { CONNECTOR_REGISTRATIONS } from './connector-registrations';

/**
 * This process's connectors, by the integration's vendor, built with its settings. Each vendor is
 * set up once, so a sync and the workflow actions using the same credential draw from the same
 * share of the vendor's limit, and every request passes the same egress policy
 * (the official hosts and SYNC_ALLOWED_BASE_URLS).
 */
@Injectable()
export class SyncConnectorRegistry extends ConnectorRegistry implements OnApplicationShutdown {
  constructor(env: IntegrationSyncEnv) {
    super(CONNECTOR_REGISTRATIONS, {
      allowedBaseUrls: env.SYNC_ALLOWED_BASE_URLS,
      timeoutMs: env.SYNC_HTTP_TIMEOUT_MS,
      retry: { maxAttempts: env.SYNC_RETRY_MAX_ATTEMPTS, initialDelayMs: env.SYNC_RETRY_INITIAL_DELAY_MS },
      rateLimit: { accountLimitPerMinute: env.SYNC_RATE_LIMIT_PER_MINUTE, share: env.SYNC_RATE_SHARE },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dispose();
  }
}
