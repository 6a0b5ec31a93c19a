import { EgressRefusedError } from './errors';
import type { ConnectorRegistration, ConnectorTarget, VendorConnectorFactory } from '@seatkeeper/connector-kit';
import { baseUrlOf, pagerDutyEgress, PAGERDUTY_BASE_URLS, type PagerDutyRegion } from './connection';
import { RateBudgetRegistry } from './http/rate-budget';
import { PAGERDUTY_VENDOR, PagerDutyConnector } from './pagerduty.connector';

/**
 * PagerDuty for a service's `ConnectorRegistry`: one rate-budget registry and one egress policy per
 * process, so a sync and the workflow actions on one credential share its share of PagerDuty's limit.
 */
export const pagerDutyConnectorRegistration: ConnectorRegistration = {
  vendor: PAGERDUTY_VENDOR,
  setUp(settings): VendorConnectorFactory {
    const budgets = new RateBudgetRegistry({ accountLimitPerMinute: settings.rateLimit.accountLimitPerMinute, share: settings.rateLimit.share });
    const egress = pagerDutyEgress(settings.allowedBaseUrls);
    return {
      egress,
      endpointOf: (target) => baseUrlOf(connectionTarget(target)),
      create: (target, credential) =>
        new PagerDutyConnector(
          { ...connectionTarget(target), credential },
          { budgets, egress, timeoutMs: settings.timeoutMs, retry: { maxAttempts: settings.retry.maxAttempts, initialDelayMs: settings.retry.initialDelayMs } },
        ),
      dispose: async () => {
        await budgets.dispose();
        await egress.close();
      },
    };
  },
};

/** A region names a PagerDuty host; an unknown one (the contracts allow `us` and `eu` only) is refused before anything is sent. */
function connectionTarget(target: ConnectorTarget): { region: PagerDutyRegion; baseUrl?: string } {
  if (!Object.hasOwn(PAGERDUTY_BASE_URLS, target.region)) {
    throw new EgressRefusedError(`"${target.region}" is not a PagerDuty region (${Object.keys(PAGERDUTY_BASE_URLS).join(', ')})`);
  }
  return { region: target.region as PagerDutyRegion, baseUrl: target.baseUrl ?? undefined };
}
