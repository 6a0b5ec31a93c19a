import { expectEventually, startPagerDutySimProcess, startServiceProcess, type PagerDutySimProcess, type ServiceProcess } from '@seatkeeper/testing';
import { RpcClient } from '@seatkeeper/platform-messaging';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { startGateway, type GatewayUnderTest } from './support/gateway-harness';
import { CHROMIUM_PATH, ensureConsoleBuilt, hasChromium, launchChromium, newPage, screenshot, signIn } from './support/console-browser';

const KEY = 'console-browser-key';
/** Resolves `window.__interactive` with performance.now() at the first idle period after the dashboard's heading is drawn. */
const INTERACTIVE_PROBE = `window.__interactive = new Promise((done) => {
  const drawn = () => [...document.querySelectorAll('h1')].some((h) => h.textContent === 'Dashboard');
  const check = () => { if (drawn()) { observer.disconnect(); requestIdleCallback(() => done(performance.now())); } };
  const observer = new MutationObserver(check);
  document.addEventListener('DOMContentLoaded', () => { observer.observe(document.body, { childList: true, subtree: true }); check(); });
});`;
const USERS = 80;

if (!hasChromium) {
  // The only place this suite skips: a machine without a browser (`apt-get install chromium`; .ci/run installs it).
  console.warn(`console browser tests SKIPPED: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
}
const describeWithChromium = hasChromium ? describe : describe.skip;

/**
 * The admin console in real headless Chromium, served by the gateway, against the whole stack as
 * processes: gateway, credential-vault, integration-sync, mapping, reporting, workflow, and the PagerDuty simulator.
 * One stack, the steps in the order an admin takes them; each step writes its page's screenshot
 * to docs/screenshots/.
 */
describeWithChromium('admin console in Chromium', () => {
  let gw: GatewayUnderTest;
  let sim: PagerDutySimProcess;
  const services: ServiceProcess[] = [];
  let browser: Browser;
  let page: Page;
  let integrationId = '';

  beforeAll(async () => {
    const consoleDir = ensureConsoleBuilt();
    sim = await startPagerDutySimProcess({ users: USERS, rateLimit: 0, apiKeys: [KEY], seed: 4 });
    gw = await startGateway({ CONSOLE_DIST_DIR: consoleDir });
    const bus = { prefix: gw.service.prefix, rpc: gw.service.running.app.get(RpcClient) };
    // One after another: started together on a busy 2-core machine, each can miss its 60 s start bound.
    // Whatever started is stopped in afterAll, even when a later one fails to start.
    services.push(await startServiceProcess('credential-vault', bus));
    services.push(await startServiceProcess('mapping', bus));
    // Reporting projects the directory's events from the stream; the dashboard reads its widgets.
    services.push(await startServiceProcess('reporting', bus));
    // Workflow plans and runs the Workflows page's runs (quick worker polls; no schedule fires in the test).
    services.push(await startServiceProcess('workflow', { ...bus, env: { WORKFLOW_WORKER_POLL_MS: '200', WORKFLOW_SCHEDULER_ENABLED: 'false' } }));
    services.push(
      await startServiceProcess('integration-sync', {
        ...bus,
        env: {
          // The simulator is not an official PagerDuty host: the operator allows it (SSRF guard).
          SYNC_ALLOWED_BASE_URLS: sim.url,
          SYNC_RATE_LIMIT_PER_MINUTE: '0',
          SYNC_SCHEDULER_ENABLED: 'false',
          SYNC_WORKER_POLL_MS: '200',
        },
      }),
    );
    browser = await launchChromium();
    ({ page } = await newPage(browser));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(services.map((s) => s.stop()));
    await gw?.stop();
    await sim?.stop();
  });

  it('serves the console at / with a strict CSP, and leaves /api alone', async () => {
    const root = await fetch(`${gw.baseUrl}/`, { headers: { accept: 'text/html' } });
    expect(root.status).toBe(200);
    const csp = root.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await root.text()).toContain('<div id="root">');
    const deepLink = await fetch(`${gw.baseUrl}/integrations`, { headers: { accept: 'text/html' } });
    expect(deepLink.status).toBe(200);
    const missingAsset = await fetch(`${gw.baseUrl}/assets/missing.js`, { headers: { accept: 'text/html' } });
    expect(missingAsset.status).toBe(404);
    const unknownApi = await fetch(`${gw.baseUrl}/api/v1/nothing-here`, { headers: { accept: 'text/html' } });
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers.get('content-type')).toContain('application/problem+json');
  });

  it('signs in with a token (a wrong one is refused beside the field); the token never reaches the URL', async () => {
    await page.goto(`${gw.baseUrl}/`);
    await screenshot(page, '01-sign-in');
    await page.getByLabel('API token').fill('skp_not-a-real-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-field="token"] .field-error').getByText('not valid').waitFor();
    await signIn(page, gw.baseUrl, gw.tokens.admin.secret);
    expect(await page.getByTestId('role').textContent()).toBe('admin');
    expect(page.url()).not.toContain(gw.tokens.admin.secret);
    const stored = (await page.evaluate("({ session: sessionStorage.getItem('seatkeeper.session') ?? '', local: JSON.stringify(localStorage) })")) as { session: string; local: string };
    expect(stored.session).toContain(gw.tokens.admin.secret);
    expect(stored.local).not.toContain(gw.tokens.admin.secret);
  });

  it('creates a credential in the vault and tests it on save', async () => {
    await page.goto(`${gw.baseUrl}/#/credentials`);
    await page.getByText('No credentials yet.').waitFor();
    await page.getByRole('button', { name: 'New credential' }).click();
    await page.getByLabel('Name').fill('PagerDuty (simulator)');
    // An empty key: the vault's refusal is shown beside the secret field.
    await page.getByRole('button', { name: 'Save and test' }).click();
    await page.locator('[data-field="secret"] .field-error').first().waitFor();
    await page.getByLabel('API key').fill(KEY);
    await page.getByLabel('…or test against base URL').fill(sim.url);
    await page.getByRole('button', { name: 'Save and test' }).click();
    const result = page.getByTestId('credential-test');
    await result.getByText('the vendor accepted the key').waitFor();
    await result.getByText(sim.url).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('table', { name: 'Credentials' }).getByText('PagerDuty (simulator)').waitFor();
    await screenshot(page, '03-credentials');
  });

  it('creates an integration from the preset and maps it with Smart Mapping, a custom unique field and sync keys', async () => {
    await page.goto(`${gw.baseUrl}/#/integrations`);
    await page.getByText('No integrations yet.').waitFor();
    await page.getByRole('button', { name: 'New integration' }).click();
    await page.getByLabel('Credential (vault)').selectOption({ label: 'PagerDuty (simulator)' });
    await page.getByLabel('Base URL (optional)').fill(sim.url);
    await page.getByLabel('Schedule').selectOption('interval');
    await page.getByLabel('Minutes between runs').fill('0');
    await page.getByRole('button', { name: 'Create' }).click();
    // The gateway's problem names schedule.interval_minutes: the message sits under that field.
    await page.locator('[data-field="schedule.interval_minutes"] .field-error').first().waitFor();
    await page.getByLabel('Minutes between runs').fill('60');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/#\/integrations\/[0-9a-f-]{36}$/);
    integrationId = page.url().split('/').pop() ?? '';

    // Launch before any mapping: refused, with what is missing.
    await page.getByRole('button', { name: 'Launch' }).click();
    await page.locator('[data-field="mapping"]').getByText('No mapping definition exists').waitFor();

    // A custom unique field for PagerDuty's user id (a sync key candidate).
    await page.locator('input[name="custom_field_name"]').fill('PagerDuty User ID');
    await page.getByRole('button', { name: 'Add custom field' }).click();

    await page.getByRole('button', { name: 'Smart Mapping' }).click();
    const suggestions = page.getByLabel('Smart Mapping suggestions');
    await suggestions.getByText('person.email').first().waitFor();
    await screenshot(page, '02-integration-smart-mapping');
    await page.getByRole('button', { name: 'Use these suggestions' }).click();
    // Smart Mapping offered the custom unique field too; unique targets become ranked sync keys, custom ids first.
    await expect(page.locator('.sync-keys li').allTextContents()).resolves.toEqual([
      expect.stringContaining('custom.pagerduty_user_id'),
      expect.stringContaining('person.email'),
      expect.stringContaining('person.username'),
    ]);
    await page.getByRole('button', { name: 'Remove sync key person.username' }).click();
    await page.getByRole('button', { name: 'Save mapping' }).click();
    // Smart Mapping's proposal is complete (directory role as a constant, the custom id as first sync key).
    await page.locator('[data-testid="mapping-check"][data-ok="true"]').waitFor();
    await page.getByRole('heading', { name: 'Mapping' }).scrollIntoViewIfNeeded();
    await screenshot(page, '02-integration-mapping');

    const saved = await gw.call('GET', `/api/v1/mappings/${integrationId}`, { token: gw.tokens.viewer.secret });
    const definition = saved.body as { sync_keys: string[]; mappings: { target: string }[] };
    expect(definition.sync_keys).toEqual(['custom.pagerduty_user_id', 'person.email']);
    expect(definition.mappings.map((m) => m.target)).toEqual(expect.arrayContaining(['person.email', 'person.username', 'saasUser.externalId', 'person.directoryRole', 'custom.pagerduty_user_id']));
  });

  it('launches and runs now; the progress bar reaches 100% without a reload', async () => {
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByTestId('integration-test').getByText(`Connection to ${sim.url}: OK`).waitFor();
    await page.getByRole('button', { name: 'Launch' }).click();
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    await page.getByRole('button', { name: 'Run now' }).click();
    const latest = page.getByTestId('latest-run');
    await latest.waitFor();
    const bar = latest.getByRole('progressbar');
    await expectEventually(
      async () => {
        expect(await latest.getAttribute('data-status')).toBe('completed');
        expect(await bar.getAttribute('aria-valuenow')).toBe('100');
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    await latest.getByText(`fetched ${USERS} of ${USERS}`).waitFor();
    await screenshot(page, '02-integration-run');

    // Records mapping could not apply are listed with their reason, as many as the run counted.
    const run = (await gw.call('GET', `/api/v1/integrations/${integrationId}/runs?limit=1`, { token: gw.tokens.viewer.secret })).body as { data: { counts: { quarantined: number | null } }[] };
    const quarantined = run.data[0]?.counts.quarantined ?? 0;
    if (quarantined === 0) {
      await page.getByText('No quarantined record.').waitFor();
    } else {
      // PagerDuty's `license` is an object: mapped as-is to the text field saasUser.license it is
      // refused per record. The admin maps its name with a template and retries the quarantine.
      const table = page.getByRole('table', { name: 'Quarantine' });
      await table.getByText('saasUser.license').first().waitFor();
      await page.getByRole('heading', { name: 'Quarantine' }).scrollIntoViewIfNeeded();
      await screenshot(page, '02-integration-quarantine');
      await page.evaluate('window.scrollTo(0, 0)');
      const count = await page.getByRole('table', { name: 'Field mappings' }).locator('tbody tr').count();
      for (let n = 1; n <= count; n++) {
        if ((await page.getByLabel(`Target of mapping ${n}`, { exact: true }).inputValue()) !== 'saasUser.license') continue;
        await page.getByLabel(`Transform of mapping ${n}`, { exact: true }).selectOption('template');
        await page.getByLabel(`Template of mapping ${n}`, { exact: true }).fill('{license.name}');
      }
      await page.getByRole('button', { name: 'Save mapping' }).click();
      await page.getByText('Mapping saved.').waitFor();
      await page.getByRole('button', { name: 'Retry all' }).click();
      await page.getByText(`Retried ${quarantined}: ${quarantined} applied, 0 still quarantined.`).waitFor();
    }
    await expectEventually(
      async () => {
        const users = (await gw.call('GET', '/api/v1/saas-users?limit=200', { token: gw.tokens.viewer.secret })).body as { data: { license: string | null }[] };
        expect(users.data).toHaveLength(USERS);
      },
      { timeoutMs: 20_000 },
    );
  });

  it('lists people, and filters SaaS users with a rule and exports exactly the matching rows as CSV', async () => {
    await page.goto(`${gw.baseUrl}/#/people`);
    // The rows, not just the header: the screenshot shows the people.
    await page.getByRole('table', { name: 'People' }).locator('tbody tr').first().waitFor();
    await screenshot(page, '04-people');

    const rule = { all: [{ field: 'vendorRole', op: 'neq', value: 'observer' }] };
    const expected = await countSaasUsers(rule);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(USERS);

    await page.goto(`${gw.baseUrl}/#/saas-users`);
    await page.getByRole('table', { name: 'SaaS users' }).waitFor();
    await expect(page.getByRole('columnheader', { name: 'Role' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Add condition' }).click();
    await page.getByLabel('Field of condition 1').selectOption('vendorRole');
    await page.getByLabel('Operator of condition 1').selectOption('neq');
    await page.getByLabel('Value of condition 1').fill('observer');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.getByTestId('row-count').getByText(`${expected} users shown`).waitFor();
    await screenshot(page, '05-saas-users');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8').trim().split('\r\n');
    expect(download.suggestedFilename()).toBe('saas-users.csv');
    expect(csv[0]).toBe('email,app,role,licence,status,last_activity_at,external_id,person_email');
    expect(csv).toHaveLength(expected + 1);
    expect(csv.slice(1).every((line) => !line.split(',')[2]?.includes('observer'))).toBe(true);

    // A rule the directory refuses: its message shows under the builder (field `filter`).
    await page.getByLabel('Field of condition 1').selectOption('lastActivityAt');
    await page.getByLabel('Operator of condition 1').selectOption('more_than_days_ago');
    await page.getByLabel('Value of condition 1').fill('-3');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.locator('[data-field="filter"] .field-error').first().waitFor();
  });

  it('shows every change in the audit log', async () => {
    await page.goto(`${gw.baseUrl}/#/audit-log`);
    const table = page.getByRole('table', { name: 'Audit log' });
    await table.getByText('POST /api/v1/integrations/:id/launch').first().waitFor();
    await table.getByText('POST /api/v1/credentials').first().waitFor();
    await screenshot(page, '06-audit-log');
  });

  it('draws the default dashboard from the reporting API, whose numbers match the directory', async () => {
    type WidgetData = { type: string; value?: number; buckets?: { key: string | null; count: number }[]; points?: { value: number }[]; savings?: { apps: { reclaimable_seats: number; freed_seats: number }[] } };
    const viewer = { token: gw.tokens.viewer.secret };
    const dashboards = (await gw.call('GET', '/api/v1/dashboards', viewer)).body as { data: { id: string; is_default: boolean; widgets: { id: string; type: string }[] }[] };
    const dashboard = dashboards.data.find((d) => d.is_default);
    expect(dashboard?.widgets.map((w) => w.type)).toEqual(expect.arrayContaining(['count', 'breakdown', 'time_series', 'top_n', 'savings']));
    const widgetData = async (id: string) => (await gw.call('GET', `/api/v1/dashboards/${dashboard?.id}/widgets/${id}/data`, viewer)).body as WidgetData;
    // Reporting follows the directory through the stream: wait until it has projected the whole sync.
    const active = await countSaasUsers({ all: [{ field: 'status', op: 'eq', value: 'active' }] });
    const notDeleted = await countSaasUsers({ all: [{ field: 'status', op: 'neq', value: 'deleted' }] });
    expect(active).toBeGreaterThan(0);
    await expectEventually(async () => expect((await widgetData('active-accounts')).value).toBe(active), { timeoutMs: 30_000 });
    const answers = new Map<string, WidgetData>();
    for (const w of dashboard?.widgets ?? []) answers.set(w.id, await widgetData(w.id));
    const byRole = answers.get('by-vendor-role')?.buckets ?? [];
    expect(byRole.reduce((sum, b) => sum + b.count, 0)).toBe(notDeleted);
    expect((await countSaasUsers({ all: [{ field: 'vendorRole', op: 'neq', value: 'observer' }] }))).toBe(byRole.filter((b) => b.key !== 'observer').reduce((sum, b) => sum + b.count, 0));
    expect(answers.get('active-per-day')?.points?.at(-1)?.value).toBe(active);
    // Reclaimable = inactive or a leaver's, each account once.
    const reclaimable = answers.get('savings')?.savings?.apps.reduce((sum, a) => sum + a.reclaimable_seats, 0) ?? -1;
    expect(reclaimable).toBeGreaterThanOrEqual(answers.get('inactive-accounts')?.value ?? Infinity);
    expect(reclaimable).toBeLessThanOrEqual((answers.get('inactive-accounts')?.value ?? 0) + (answers.get('leaver-accounts')?.value ?? 0));

    await page.goto(`${gw.baseUrl}/#/dashboard`);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    for (const w of dashboard?.widgets ?? []) {
      const card = page.getByTestId(`widget-${w.id}`);
      const answer = answers.get(w.id) as WidgetData;
      if (w.type === 'count') {
        await card.getByTestId('widget-value').getByText(String(answer.value), { exact: true }).waitFor();
        continue;
      }
      await card.locator('.chart[data-drawn="true"] canvas').waitFor();
      const cells = await card.locator('.widget-table tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
      if (w.type === 'breakdown' || w.type === 'top_n') expect(cells).toEqual((answer.buckets ?? []).map((b) => [b.key ?? '(none)', String(b.count)]));
      if (w.type === 'time_series') expect(cells[0]?.[1]).toBe(String(answer.points?.at(-1)?.value));
      if (w.type === 'savings') expect(cells.map((c) => c.slice(1))).toEqual((answer.savings?.apps ?? []).map((a) => [String(a.reclaimable_seats), String(a.freed_seats)]));
    }
    await screenshot(page, 'dashboard');
  });

  it('saves a view and a report in the reporting service (no localStorage); the saved report exports XLSX with exactly the matching rows', async () => {
    // After the dashboard step: reporting has projected the whole sync.
    const rule = { all: [{ field: 'vendorRole', op: 'neq', value: 'observer' }] };
    const expected = await countSaasUsers(rule);
    await page.goto(`${gw.baseUrl}/#/saas-users`);
    await page.getByRole('button', { name: 'Add condition' }).click();
    await page.getByLabel('Field of condition 1').selectOption('vendorRole');
    await page.getByLabel('Operator of condition 1').selectOption('neq');
    await page.getByLabel('Value of condition 1').fill('observer');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.getByTestId('row-count').getByText(`${expected} users shown`).waitFor();
    await page.getByLabel('View name').fill('Not observers');
    await page.getByRole('button', { name: 'Save view' }).click();
    // Saved, it is chosen: its rows come from the reporting service.
    await page.getByTestId('view-row-count').getByText(`${expected} rows in “Not observers”`).waitFor();
    const views = (await gw.call('GET', '/api/v1/views', { token: gw.tokens.viewer.secret })).body as { data: { name: string; filter: unknown; is_default: boolean }[] };
    expect(views.data.find((v) => v.name === 'Not observers')?.filter).toEqual(rule);
    expect(views.data.some((v) => v.is_default)).toBe(true);
    expect(await page.evaluate('Object.keys(localStorage)')).toEqual([]);

    await page.getByLabel('Report name').fill('Not observers');
    await page.getByRole('button', { name: 'Save as report' }).click();
    const saved = page.getByTestId('report-saved');
    const [download] = await Promise.all([page.waitForEvent('download'), saved.getByRole('button', { name: 'Export Not observers as XLSX' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^not-observers-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path()) ?? '');
    const sheet = workbook.worksheets[0];
    expect(sheet?.actualRowCount).toBe(expected + 1);
    const roles = (sheet?.getColumn(3).values ?? []).slice(2);
    expect(roles).toHaveLength(expected);
    expect(roles).not.toContain('observer');

    await page.goto(`${gw.baseUrl}/#/reports`);
    await page.getByRole('table', { name: 'Reports' }).getByText('Not observers').waitFor();
    await screenshot(page, '09-reports');
  });

  it('shows a workflow from Begin, its problems on their block; dry run, apply, the gate waits, a viewer sees no Approve, approved it deletes in PagerDuty', async () => {
    const admin = { token: gw.tokens.admin.secret };
    const credentials = (await gw.call('GET', '/api/v1/credentials', admin)).body as { data: { id: string; name: string }[] };
    const credentialId = credentials.data.find((c) => c.name === 'PagerDuty (simulator)')?.id as string;
    // Three accounts PagerDuty lets go (no owner, open incident, schedule or escalation policy), one over the limit of two.
    const targets: string[] = [];
    const accounts = (await gw.call('GET', '/api/v1/saas-users?limit=200', admin)).body as { data: { external_id: string; status: string }[] };
    for (const a of accounts.data.filter((u) => u.status === 'active')) {
      if (targets.length === 3) break;
      const res = await fetch(`${sim.url}/_sim/users/${a.external_id}`);
      if (res.ok && ((await res.json()) as { delete_blockers: string[] }).delete_blockers.length === 0) targets.push(a.external_id);
    }
    expect(targets).toHaveLength(3);
    const graph = (begin: Record<string, unknown>, action: { id: string; type: string; config: Record<string, unknown> }) => ({
      blocks: [{ id: 'begin', type: 'begin', config: begin }, action, { id: 'end', type: 'end', config: {} }],
      links: [{ from: 'begin', to: action.id, branch: 'success' }, { from: action.id, to: 'end', branch: 'success' }],
    });
    const begin = { trigger: 'schedule', schedule: { kind: 'daily', time_of_day: '03:00', time_zone: 'UTC' }, scope: 'active_records', rule: { all: [{ field: 'externalId', op: 'in', value: targets }] } };
    const create = async (name: string, body: object) => {
      const answer = await gw.call('POST', '/api/v1/workflows', { ...admin, body: { name, type: 'saas_users', ...body } });
      expect(answer.status).toBe(201);
      return (answer.body as { id: string }).id;
    };
    // A draft may name a credential the vault lacks: validation puts the problem on its block.
    const broken = await create('Roles with a missing credential', { graph: graph(begin, { id: 'roles', type: 'role_retrieval', config: { vendor: 'pagerduty', credential_id: '0190a5f4-0000-7000-8000-000000000000' } }) });
    const workflowId = await create('Delete three PagerDuty users', { graph: graph(begin, { id: 'delete', type: 'api', config: { preset: 'pagerduty.delete_user', credential_id: credentialId } }), limits: { max_count: 2 } });

    await page.goto(`${gw.baseUrl}/#/workflows/${broken}`);
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.getByTestId('block-roles').locator('[data-field="graph.blocks.roles.config.credential_id"]').waitFor();

    await page.goto(`${gw.baseUrl}/#/workflows`);
    await page.getByRole('table', { name: 'Workflows' }).getByRole('link', { name: 'Delete three PagerDuty users' }).click();
    const blocks = page.locator('.wf-block');
    await page.getByTestId('block-delete').getByText('pagerduty.delete_user').waitFor();
    expect(await blocks.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual(['block-begin', 'block-delete', 'block-end']);
    await page.getByTestId('block-begin').getByText('on success → delete').waitFor();
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.getByTestId('workflow-valid').waitFor();

    await page.getByRole('button', { name: 'Dry run' }).click();
    const run = page.getByTestId('workflow-run');
    await page.locator('[data-testid="workflow-run"][data-status="planned"]').waitFor({ timeout: 30_000 });
    const plan = run.getByRole('table', { name: 'Plan' });
    await expect(plan.locator('tbody tr').count()).resolves.toBe(3);
    await run.getByTestId('plan-summary').getByText('delete: vendor_delete × 3').waitFor();
    expect(await Promise.all(targets.map(async (id) => (await fetch(`${sim.url}/_sim/users/${id}`)).status))).toEqual([200, 200, 200]);

    await run.getByRole('button', { name: 'Apply' }).click();
    await page.locator('[data-testid="workflow-run"][data-status="awaiting_approval"]').waitFor({ timeout: 30_000 });
    await run.getByTestId('run-approval').getByText('3 destructive steps exceed the blast-radius limit of 2').waitFor();

    // A viewer reads the same waiting run, with no control to decide it or run anything.
    const viewer = await newPage(browser);
    try {
      await signIn(viewer.page, gw.baseUrl, gw.tokens.viewer.secret);
      await viewer.page.goto(`${gw.baseUrl}/#/workflows/${workflowId}`);
      await viewer.page.locator('[data-testid="workflow-run"][data-status="awaiting_approval"]').waitFor();
      expect(await viewer.page.getByRole('button', { name: /^(Approve|Reject|Apply|Cancel run|Retry failed|Dry run|Run now|Launch|Pause)$/ }).count()).toBe(0);
    } finally {
      await viewer.context.close();
    }

    await run.getByRole('button', { name: 'Approve' }).click();
    await page.locator('[data-testid="workflow-run"][data-status="completed"]').waitFor({ timeout: 60_000 });
    await run.getByTestId('run-counts').getByText('3 records · 0 planned · 3 succeeded · 0 skipped · 0 failed').waitFor();
    const steps = await run.getByRole('table', { name: 'Steps' }).locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(2, 4).map((td) => td.textContent)));
    expect(steps).toEqual([['vendor_delete', 'succeeded'], ['vendor_delete', 'succeeded'], ['vendor_delete', 'succeeded']]);
    await screenshot(page, '07-workflows');
    expect(await Promise.all(targets.map(async (id) => (await fetch(`${sim.url}/_sim/users/${id}`)).status))).toEqual([404, 404, 404]);
  });

  it('shows a viewer no edit control', async () => {
    const viewer = await newPage(browser);
    try {
      const v = viewer.page;
      await signIn(v, gw.baseUrl, gw.tokens.viewer.secret);
      expect(await v.getByTestId('role').textContent()).toBe('viewer');
      const editControls = /^(New credential|New integration|Launch|Pause|Run now|Smart Mapping|Save mapping|Add a mapping|Add custom field|Retry all|Save and test|Create|Test connection|Save view|Save as report|Dry run|Apply|Approve|Reject)$/;
      for (const path of ['integrations', `integrations/${integrationId}`, 'credentials', 'saas-users', 'people', 'audit-log', 'reports', 'workflows']) {
        await v.goto(`${gw.baseUrl}/#/${path}`);
        await v.getByRole('heading', { level: 1 }).first().waitFor();
        await v.waitForLoadState('networkidle');
        expect({ path, controls: await v.getByRole('button', { name: editControls }).count() }).toEqual({ path, controls: 0 });
        expect(await v.getByRole('combobox', { name: /^(Source|Target|Transform) of mapping/ }).count()).toBe(0);
      }
      // The mapping is shown, read-only.
      await v.goto(`${gw.baseUrl}/#/integrations/${integrationId}`);
      await v.getByRole('table', { name: 'Field mappings' }).getByText('person.email').first().waitFor();
      await screenshot(v, '08-viewer-integration');
    } finally {
      await viewer.context.close();
    }
  });

  it('budget: the dashboard loads under 300 KB of gzipped JavaScript and is interactive in under 2 s', async () => {
    const { context, page: p } = await newPage(browser);
    try {
      const session = JSON.stringify({ token: gw.tokens.admin.secret, id: gw.tokens.admin.id, name: 'test-admin', role: 'admin' });
      await p.addInitScript(`sessionStorage.setItem('seatkeeper.session', ${JSON.stringify(session)})`);
      const scripts: Promise<number>[] = [];
      p.on('response', (res) => {
        if (res.request().resourceType() === 'script') scripts.push(res.body().then((b) => gzipSync(b, { level: 9 }).length));
      });
      // Interactive, Lighthouse-style: the dashboard drawn and then the main thread idle, taken on the
      // page's own clock from navigation start (the test runner's round trips do not count).
      await p.addInitScript(INTERACTIVE_PROBE);
      await p.goto(`${gw.baseUrl}/#/dashboard`);
      await p.getByRole('heading', { name: 'Dashboard' }).waitFor();
      const interactiveMs = (await p.evaluate('window.__interactive')) as number;
      // …and it answers: a click renders the next page.
      await p.getByRole('link', { name: 'Integrations' }).click();
      await p.getByRole('heading', { name: 'Integrations' }).waitFor();
      const gzipped = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
      console.log(`console budget: dashboard JS ${(gzipped / 1024).toFixed(1)} KB gzipped, interactive in ${interactiveMs.toFixed(0)} ms`);
      expect(scripts.length).toBeGreaterThan(0);
      expect(gzipped).toBeLessThan(300 * 1024);
      expect(interactiveMs).toBeLessThan(2000);
    } finally {
      await context.close();
    }
  });

  async function countSaasUsers(rule: object): Promise<number> {
    let total = 0;
    let cursor: string | null = null;
    do {
      const q = new URLSearchParams({ filter: JSON.stringify(rule), limit: '200', ...(cursor ? { cursor } : {}) });
      const answer = await gw.call('GET', `/api/v1/saas-users?${q.toString()}`, { token: gw.tokens.viewer.secret });
      const body = answer.body as { data: unknown[]; next_cursor: string | null };
      total += body.data.length;
      cursor = body.next_cursor;
    } while (cursor);
    return total;
  }
});
