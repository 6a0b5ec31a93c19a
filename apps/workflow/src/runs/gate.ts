import type { Limits } from '../definitions/limits';

/** Per app: how many records a run may delete or deactivate without an approval (the smaller of the two limits). */
export function gateLimit(limits: Limits, appSize: number): number {
  return Math.min(limits.maxCount, Math.floor((limits.maxPercent / 100) * appSize));
}

export interface GateVerdict {
  destructive: number;
  limit: number;
  reason: string;
}

/** The first app over its limit, or null when the run may go on. `counts`: destructive actions per SaaS app. */
export function overGate(counts: Map<string, number>, appSizes: Map<string, number>, limits: Limits, what: string): GateVerdict | null {
  for (const [saasAppId, destructive] of counts) {
    const size = appSizes.get(saasAppId) ?? 0;
    const limit = gateLimit(limits, size);
    if (destructive > limit) {
      return {
        destructive,
        limit,
        reason: `${what} ${destructive} of the app's ${size} SaaS users, more than the limit of ${limit} (${limits.maxPercent}% or ${limits.maxCount}); an approval is needed`,
      };
    }
  }
  return null;
}
