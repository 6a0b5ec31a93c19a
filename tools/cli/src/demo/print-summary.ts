import type { Io } from '../output';
import type { DemoOptions } from './demo-options';
import type { DemoResult } from './run-demo';

/** The demo's closing summary: what the directory now knows, and where to go next. */
export function printSummary(io: Io, opts: DemoOptions, result: DemoResult): void {
  const s = result.summary;
  const roles = Object.entries(s.saasUsersByRole).map(([role, n]) => `${role} ${n}`).join(', ');
  const money = (n: number) => `${s.seatPrice?.currency ?? 'USD'} ${n.toLocaleString('en-US')}`;
  const plan = s.workflowPlan ? `${s.workflowPlan.size} PagerDuty users would be deleted (dry run, nothing deleted)` : '-';
  const lines = [
    '',
    `Seatkeeper demo — ${opts.pagerduty ? `your PagerDuty account (${opts.pagerduty.region})` : 'the PagerDuty simulator'}`,
    `  people:                 ${s.people}`,
    `  SaaS users:             ${s.saasUsers} (${roles})`,
    `  inactive > 1 year:      ${s.inactiveOverYear}   never signed in: ${s.neverSignedIn}`,
    `  potential savings:      ${s.potentialSavingsPerYear === undefined || !s.seatPrice ? 'set a seat price: PATCH /api/v1/saas-apps/{id}' : `${money(s.potentialSavingsPerYear)} / year at ${money(s.seatPrice.amount)} per seat per month`}`,
    `  workflow dry-run plan:  ${plan}`,
    ...(s.workflowPlan
      ? [
          `                          see it: npm run cli -- workflows plan ${s.workflowPlan.runId}   (or GET /api/v1/workflows/runs/${s.workflowPlan.runId}/plan)`,
        ]
      : []),
    `  first sync:             ${result.run.status}, ${result.run.counts.fetched}/${result.run.counts.vendor_total ?? '?'} fetched in ${((result.run.duration_ms ?? 0) / 1000).toFixed(1)} s`,
    '',
    `  gateway:   ${opts.gatewayUrl}/api/v1`,
    ...(opts.consoleUrl ? [`  console:   ${opts.consoleUrl}`] : []),
    `  API docs:  ${opts.gatewayUrl}/api/docs`,
    `  admin token: ${opts.adminToken}`,
    `  CLI:       npm run cli -- login --url ${opts.gatewayUrl} --token <admin token>; npm run cli -- integrations list`,
    '',
  ];
  io.out(lines.join('\n'));
}
