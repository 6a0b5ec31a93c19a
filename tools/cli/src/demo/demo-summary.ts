import type { ApiClient } from '../api-client';
import type { DemoWorkflowPlan } from './demo-workflow';

export interface DemoSummary {
  people: number;
  saasUsers: number;
  saasUsersByRole: Record<string, number>;
  inactiveOverYear: number;
  neverSignedIn: number;
  seatPrice?: { amount: number; currency: string };
  potentialSavingsPerYear?: number;
  workflowPlan?: DemoWorkflowPlan;
}

interface SaasUserRow {
  vendor_role?: string | null;
  last_activity_at?: string | null;
  status: string;
}

export const INACTIVE_OVER_A_YEAR = { all: [{ field: 'lastActivityAt', op: 'more_than_days_ago', value: 365 }] };

/** The figures the demo prints, read back through the same REST API an admin would use. */
export async function summarise(api: ApiClient, saasAppId: string, seatPrice?: { amount: number; currency: string }): Promise<DemoSummary> {
  const people = await api.all<{ id: string }>('/people', {}, 1_000_000);
  const users = await api.all<SaasUserRow>('/saas-users', { saas_app_id: saasAppId }, 1_000_000);
  const inactive = await api.all<SaasUserRow>('/saas-users', { saas_app_id: saasAppId, filter: JSON.stringify(INACTIVE_OVER_A_YEAR) }, 1_000_000);
  const byRole: Record<string, number> = {};
  for (const u of users) byRole[u.vendor_role ?? '(none)'] = (byRole[u.vendor_role ?? '(none)'] ?? 0) + 1;
  const neverSignedIn = users.filter((u) => !u.last_activity_at).length;
  return {
    people: people.length,
    saasUsers: users.length,
    saasUsersByRole: Object.fromEntries(Object.entries(byRole).sort(([, a], [, b]) => b - a)),
    inactiveOverYear: inactive.length,
    neverSignedIn,
    seatPrice,
    // Seats of users gone quiet for a year (or who never signed in), priced per month, for a year.
    potentialSavingsPerYear: seatPrice ? Math.round((inactive.length + neverSignedIn) * seatPrice.amount * 12) : undefined,
  };
}
