import { ApiClient, ApiError, type Page } from '../api-client';
import type { Io } from '../output';
import { followRun, type RunView } from '../run-progress';
import { DEMO_INTEGRATION_NAME, PAGERDUTY_USER_ID_FIELD, SIMULATOR_API_KEY, type DemoOptions } from './demo-options';
import { summarise, type DemoSummary } from './demo-summary';
import { dryRunExampleWorkflow } from './demo-workflow';

interface Suggestion {
  source: string;
  target: string;
  transform?: Record<string, unknown>;
  confidence: number;
}

export interface DemoResult {
  integrationId: string;
  credentialId: string;
  run: RunView;
  summary: DemoSummary;
}

/**
 * The first-run demo, as an admin would do it through the REST API: a PagerDuty credential, an
 * integration (users + SaaS users, daily), the Smart Mapping suggestions accepted plus the
 * "PagerDuty User ID" custom unique field as first sync key, launch, the first sync followed to
 * its end, then the example workflow as a dry run. Against a real account (PAGERDUTY_API_KEY) it
 * does the same but never seeds and never deletes: the workflow is only ever dry-run.
 */
export async function runDemo(opts: DemoOptions, io: Io): Promise<DemoResult> {
  const api = new ApiClient(opts.gatewayUrl, opts.adminToken, opts.fetch);
  const step = (s: string) => io.err(`[demo] ${s}`);

  if (opts.simulatorUrl && !opts.pagerduty) {
    const users = opts.users ?? 250;
    await simulator(opts.simulatorUrl, 'POST', '/_sim/reset', { seed: opts.seed ?? 1, users });
    step(`seeded the PagerDuty simulator: ${users} users (seed ${opts.seed ?? 1}) at ${opts.simulatorUrl}`);
  }

  const existing = (await api.get<Page<{ id: string; name: string; credential_id: string; status: string }>>('/integrations', { limit: 100 })).data.find((i) => i.name === DEMO_INTEGRATION_NAME);
  let integrationId: string;
  let credentialId: string;
  if (existing) {
    step(`the demo integration exists (${existing.id}); running a new sync`);
    integrationId = existing.id;
    credentialId = existing.credential_id;
  } else {
    const credential = await ensureCredential(api, opts);
    credentialId = credential.id;
    const test = await api.post<{ ok: boolean; message?: string }>(`/credentials/${credential.id}/test`);
    if (!test.ok) throw new Error(`the PagerDuty credential failed its test: ${test.message ?? 'no detail'}`);
    step(`credential stored in the vault and tested (${credential.id})`);

    const integration = await api.post<{ id: string }>('/integrations', {
      name: DEMO_INTEGRATION_NAME,
      vendor: 'pagerduty',
      record_type: 'user_and_saas_user',
      installation_type: 'cloud',
      credential_id: credential.id,
      region: opts.pagerduty?.region ?? 'us',
      ...(opts.pagerduty ? {} : { base_url: opts.simulatorUrl }),
      schedule: { kind: 'daily', time_of_day: '02:00', time_zone: 'UTC' },
      extras: { teams: true, licence: true, last_sign_in: true },
    });
    integrationId = integration.id;
    step(`integration created: users + SaaS users, daily at 02:00 UTC (${integration.id})`);
    await acceptSmartMapping(api, integrationId, step, Boolean(opts.pagerduty));
    await api.post(`/integrations/${integrationId}/launch`);
    step('integration launched');
  }

  const queued = await api.post<RunView>(`/integrations/${integrationId}/runs`);
  step(`first sync ${queued.id}:`);
  const run = await followRun(api, queued.id, io, { intervalMs: 300 });
  step(`sync ${run.status}: fetched ${run.counts.fetched}/${run.counts.vendor_total ?? '?'}, applied ${run.counts.applied}, quarantined ${run.counts.quarantined} in ${((run.duration_ms ?? 0) / 1000).toFixed(1)} s`);
  if (run.status !== 'completed') throw new Error(`the first sync ended ${run.status}${run.reason ? `: ${run.reason}` : ''}`);

  const app = (await api.get<Page<{ id: string; name: string; seat_price?: string | null; currency?: string | null }>>('/saas-apps', { limit: 100 })).data.find((a) => a.name === 'PagerDuty');
  if (!app) throw new Error('the sync completed but the directory has no PagerDuty app');
  let seatPrice = app.seat_price ? { amount: Number(app.seat_price), currency: app.currency ?? 'USD' } : undefined;
  if (!seatPrice && !opts.pagerduty) {
    // The demo account's list price; a real account's admin sets their own.
    const amount = opts.seatPriceUsd ?? 41;
    await api.request('PATCH', `/saas-apps/${app.id}`, { seat_price: amount, currency: 'USD' });
    seatPrice = { amount, currency: 'USD' };
  }
  const summary = await summarise(api, app.id, seatPrice);
  summary.workflowPlan = await dryRunExampleWorkflow(api, credentialId, step);
  return { integrationId, credentialId, run, summary };
}

/**
 * Smart Mapping: take every suggestion for a target not yet mapped (highest confidence first), add
 * the PagerDuty User ID custom unique field (created if missing), and sync on it, then on email.
 */
async function acceptSmartMapping(api: ApiClient, integrationId: string, step: (s: string) => void, realAccount: boolean): Promise<void> {
  let field: { key: string };
  try {
    field = await api.post<{ key: string }>('/mappings/custom-fields', PAGERDUTY_USER_ID_FIELD);
  } catch (e) {
    if (!(e instanceof ApiError) || e.problem.status !== 409) throw e;
    const found = (await api.get<{ data: Array<{ key: string; name: string }> }>('/mappings/custom-fields')).data.find((f) => f.name === PAGERDUTY_USER_ID_FIELD.name);
    if (!found) throw e;
    field = found;
  }
  const customTarget = `custom.${field.key}`;
  const base = { vendor: 'pagerduty', app_name: 'PagerDuty', record_type: 'user_and_saas_user', preference: 'create_update', deactivate_missing: !realAccount };
  const idMapping = { source: 'id', target: customTarget, transform: { type: 'copy' } };
  let suggestions: Suggestion[];
  try {
    ({ suggestions } = await api.get<{ suggestions: Suggestion[] }>(`/mappings/${integrationId}/suggestions`));
  } catch (e) {
    if (!(e instanceof ApiError) || e.problem.status !== 404) throw e;
    // A gateway whose Smart Mapping needs a saved definition first: save the sync key alone, then ask.
    await api.put(`/mappings/${integrationId}`, { ...base, mappings: [idMapping], sync_keys: [customTarget] });
    ({ suggestions } = await api.get<{ suggestions: Suggestion[] }>(`/mappings/${integrationId}/suggestions`));
  }
  const byTarget = new Map<string, Suggestion>();
  for (const s of [...suggestions].sort((a, b) => b.confidence - a.confidence)) if (!byTarget.has(s.target)) byTarget.set(s.target, s);
  byTarget.set(customTarget, { ...idMapping, confidence: 1 });
  // The one suggestion an admin corrects: PagerDuty hands the licence as an object {id, name}; its name is the licence.
  const licence = byTarget.get('saasUser.license');
  if (licence?.source === 'license') byTarget.set('saasUser.license', { ...licence, source: 'license.name' });
  const mappings = [...byTarget.values()].map((s) => ({ source: s.source, target: s.target, ...(s.transform ? { transform: s.transform } : {}) }));
  // Against a real account nothing is deactivated on the demo's say-so (deactivate_missing off).
  await api.put(`/mappings/${integrationId}`, {
    ...base,
    mappings,
    sync_keys: [customTarget, 'person.email'],
  });
  const check = await api.get<{ ok: boolean; missing: string[] }>(`/mappings/${integrationId}/check`);
  if (!check.ok) throw new Error(`the suggested mapping is incomplete: missing ${check.missing.join(', ')}`);
  step(`Smart Mapping: accepted ${suggestions.length} suggestions (${mappings.length} fields mapped); sync keys ${customTarget}, person.email`);
}

/** The demo's PagerDuty credential; one left by an earlier demo (same name) is reused, its secret replaced. */
async function ensureCredential(api: ApiClient, opts: DemoOptions): Promise<{ id: string }> {
  const name = opts.pagerduty ? 'PagerDuty' : 'PagerDuty (simulator)';
  const secret = opts.pagerduty?.apiKey ?? SIMULATOR_API_KEY;
  try {
    return await api.post<{ id: string }>('/credentials', { name, vendor: 'pagerduty', type: 'api_key', preset: 'pagerduty_api_key', secret });
  } catch (e) {
    if (!(e instanceof ApiError) || e.problem.status !== 409) throw e;
    const found = (await api.all<{ id: string; name: string }>('/credentials')).find((c) => c.name === name);
    if (!found) throw e;
    await api.put(`/credentials/${found.id}/secret`, { secret });
    return found;
  }
}

async function simulator(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(new URL(path, base), { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`simulator ${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
