/* eslint-disable @typescript-eslint/no-explicit-any -- walks rendered manifests whose shape the schema test checks */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHART_DIR, mergeValues, readChartMeta, readDefaultValues, type ChartValues } from '../src/chart-values';
import { synthChart, type K8sObject } from '../src/synth-chart';
import { schemaErrors } from '../src/validate-objects';

// The Helm chart (deploy/helm/seatkeeper), synthesised with cdk8s as its templates render it and
// validated against the Kubernetes schemas; the templates themselves are checked to agree with
// the synthesis on kinds, object names and the values they read.
const ROOT = join(__dirname, '../../..');
const meta = readChartMeta();
const defaults = readDefaultValues();
const SERVICES = ['credential-vault', 'gateway', 'integration-sync', 'mapping', 'reporting', 'workflow'];

type Pod = { securityContext: Record<string, unknown>; containers: Array<Record<string, any>>; volumes?: Array<Record<string, any>> };
const podOf = (o: K8sObject) => (o['spec'] as { template: { spec: Pod } }).template.spec;
const ofKind = (objs: K8sObject[], kind: string) => objs.filter((o) => o.kind === kind);

/** The env names a service's env class (and the shared bases) declare. */
function envNames(service: string): Set<string> {
  const files = [join(ROOT, 'libs/platform/config/src/env-bases.ts'), ...readdirSync(join(ROOT, 'apps', service, 'src/config')).map((f) => join(ROOT, 'apps', service, 'src/config', f))];
  // NODE_OPTIONS is read by Node itself (the heap cap, `heapMb`).
  const names = new Set<string>(['NODE_OPTIONS']);
  for (const f of files.filter((x) => x.endsWith('.ts') && !x.endsWith('.spec.ts'))) {
    for (const m of readFileSync(f, 'utf8').matchAll(/^\s+(?:override\s+)?([A-Z][A-Z0-9_]+)[?!]?\s*[:=]/gm)) names.add(m[1]);
  }
  return names;
}

function internalPortOf(service: string): number {
  const dir = join(ROOT, 'apps', service, 'src/config');
  for (const f of readdirSync(dir)) {
    const m = /override INTERNAL_PORT = (\d+)/.exec(readFileSync(join(dir, f), 'utf8'));
    if (m) return Number(m[1]);
  }
  throw new Error(`no INTERNAL_PORT in ${dir}`);
}

describe('Helm chart deploy/helm/seatkeeper', () => {
  const objects = synthChart(meta, defaults);

  it('is valid against the Kubernetes and Prometheus Operator schemas, with defaults and with every option flipped', () => {
    expect(schemaErrors(objects)).toEqual([]);
    const flipped = mergeValues<ChartValues>(defaults, {
      nats: { auth: false },
      ingress: { tls: { enabled: false }, annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '1m' } },
      autoscaling: { enabled: false },
      image: { tag: '1.2.3', pullSecrets: [{ name: 'registry' }] },
    });
    expect(schemaErrors(synthChart(meta, flipped, { name: 'prod', namespace: 'seatkeeper' }))).toEqual([]);
    const minimal = mergeValues<ChartValues>(defaults, {
      ingress: { enabled: false },
      networkPolicy: { enabled: false },
      serviceMonitor: { enabled: false },
      podDisruptionBudget: { enabled: false },
      migrations: { enabled: false },
    });
    const kinds = new Set(synthChart(meta, minimal).map((o) => o.kind));
    expect([...kinds].sort()).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'Service']);
  });

  it('catches a broken object (the validation is real)', () => {
    const broken = structuredClone(ofKind(objects, 'Deployment')[0]);
    (podOf(broken).containers[0] as Record<string, unknown>)['ports'] = [{ containerPort: 'not-a-port' }];
    expect(schemaErrors([broken])[0]).toMatch(/Deployment\/seatkeeper-credential-vault/);
  });

  it('runs one non-root, read-only Deployment per service with /health probes on its internal port', () => {
    const deployments = ofKind(objects, 'Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(SERVICES.map((s) => `seatkeeper-${s}`));
    for (const d of deployments) {
      const service = d.metadata.name.replace('seatkeeper-', '');
      const pod = podOf(d);
      const [c] = pod.containers;
      expect(pod.securityContext['runAsNonRoot']).toBe(true);
      expect(c['securityContext']).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      const port = (c['ports'] as Array<{ name: string; containerPort: number }>).find((p) => p.name === 'internal');
      expect(port?.containerPort).toBe(internalPortOf(service));
      expect(c['livenessProbe'].httpGet).toEqual({ path: '/health', port: 'internal' });
      expect(c['readinessProbe'].httpGet).toEqual({ path: '/health', port: 'internal' });
      expect(c['resources'].requests).toBeDefined();
      expect(c['image']).toBe(`ghcr.io/seatkeeper/${service}:${meta.appVersion}`);
      const scaled = defaults.autoscaling.services.includes(service);
      expect((d['spec'] as { replicas?: number }).replicas).toBe(scaled ? undefined : defaults.services[service].replicas);
    }
  });

  it("caps every service's V8 heap at its heapMb, and leaves Node's default at 0", () => {
    for (const service of SERVICES) {
      const d = objects.find((o) => o.metadata.name === `seatkeeper-${service}`)!;
      const env = podOf(d).containers[0]['env'] as Array<{ name: string; value?: string }>;
      expect(env.find((e) => e.name === 'NODE_OPTIONS')?.value).toBe(`--max-old-space-size=${defaults.services[service].heapMb}`);
    }
    const uncapped = synthChart(meta, mergeValues<ChartValues>(defaults, { services: { mapping: { heapMb: 0 } } }));
    const mapping = uncapped.find((o) => o.metadata.name === 'seatkeeper-mapping')!;
    expect((podOf(mapping).containers[0]['env'] as Array<{ name: string }>).map((e) => e.name)).not.toContain('NODE_OPTIONS');
  });

  it('sets only env names the services read, and every secret from the existing Secret', () => {
    for (const d of [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')]) {
      const service = d.metadata.name.replace(/^seatkeeper-/, '').replace(/-migrate$/, '');
      const known = envNames(service);
      const env = podOf(d).containers[0]['env'] as Array<{ name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }>;
      for (const e of env) expect({ service, env: e.name, known: known.has(e.name) }).toEqual({ service, env: e.name, known: true });
      for (const secretName of ['DATABASE_URL', 'NATS_PASSWORD', 'GATEWAY_BOOTSTRAP_ADMIN_TOKEN', 'VAULT_MASTER_KEYS']) {
        const e = env.find((x) => x.name === secretName);
        if (e) expect(e.valueFrom?.secretKeyRef.name).toBe('seatkeeper');
      }
      expect(env.find((e) => e.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef.key).toBe(`${service}-database-url`);
    }
    const vault = podOf(objects.find((o) => o.metadata.name === 'seatkeeper-credential-vault')!);
    expect(vault.volumes?.find((v) => v['name'] === 'vault-master-keys')?.['secret']).toMatchObject({ secretName: 'seatkeeper', defaultMode: 0o400 });
  });

  it("gives integration-sync (Deployment and migration Job) the egress allowlist, comma-joined, and no other service", () => {
    const allowlist = (objs: K8sObject[]) =>
      [...ofKind(objs, 'Deployment'), ...ofKind(objs, 'Job')].flatMap((d) =>
        (podOf(d).containers[0]['env'] as Array<{ name: string; value?: string }>).filter((e) => e.name === 'SYNC_ALLOWED_BASE_URLS').map((e) => ({ object: d.metadata.name, value: e.value })),
      );
    // Default: the official PagerDuty hosts only (an empty list is what integration-sync reads as none).
    expect(allowlist(objects)).toEqual([
      { object: 'seatkeeper-integration-sync', value: '' },
      { object: 'seatkeeper-integration-sync-migrate', value: '' },
    ]);
    const withProxy = synthChart(meta, mergeValues<ChartValues>(defaults, { integrationSync: { allowedBaseUrls: ['https://pd-proxy.internal', 'http://pagerduty-sim.test:8090'] } }));
    expect(schemaErrors(withProxy)).toEqual([]);
    expect(allowlist(withProxy).map((e) => e.value)).toEqual(['https://pd-proxy.internal,http://pagerduty-sim.test:8090', 'https://pd-proxy.internal,http://pagerduty-sim.test:8090']);
    // The template sets it from the same value, joined the same way.
    expect(readFileSync(join(CHART_DIR, 'templates/_helpers.tpl'), 'utf8')).toContain('- name: SYNC_ALLOWED_BASE_URLS\n  value: {{ join "," $v.integrationSync.allowedBaseUrls | quote }}');
  });

  it("gives the vault (Deployment and migration Job) its OAuth token-URL allowlist, comma-joined", () => {
    const tokenUrls = (objs: K8sObject[]) =>
      [...ofKind(objs, 'Deployment'), ...ofKind(objs, 'Job')].flatMap((d) =>
        (podOf(d).containers[0]['env'] as Array<{ name: string; value?: string }>).filter((e) => e.name === 'VAULT_ALLOWED_TOKEN_URLS').map((e) => ({ object: d.metadata.name, value: e.value })),
      );
    // Default: the presets' official token URL only.
    expect(tokenUrls(objects)).toEqual([
      { object: 'seatkeeper-credential-vault', value: '' },
      { object: 'seatkeeper-credential-vault-migrate', value: '' },
    ]);
    const withProxy = synthChart(meta, mergeValues<ChartValues>(defaults, { credentialVault: { allowedTokenUrls: ['https://idp-proxy.internal/oauth/token'] } }));
    expect(schemaErrors(withProxy)).toEqual([]);
    expect(tokenUrls(withProxy).map((e) => e.value)).toEqual(['https://idp-proxy.internal/oauth/token', 'https://idp-proxy.internal/oauth/token']);
    expect(readFileSync(join(CHART_DIR, 'templates/_helpers.tpl'), 'utf8')).toContain('- name: VAULT_ALLOWED_TOKEN_URLS\n  value: {{ join "," $v.credentialVault.allowedTokenUrls | quote }}');
  });

  it('migrates every service in a pre-install/pre-upgrade Job running `migrate`', () => {
    const jobs = ofKind(objects, 'Job');
    expect(jobs.map((j) => j.metadata.name).sort()).toEqual(SERVICES.map((s) => `seatkeeper-${s}-migrate`));
    for (const j of jobs) {
      expect(j.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      expect(podOf(j).containers[0]['args']).toEqual(['migrate']);
      expect(podOf(j).containers[0]['securityContext'].readOnlyRootFilesystem).toBe(true);
    }
  });

  it('lets only the gateway be reached from outside; services reach NATS and Postgres', () => {
    const policies = ofKind(objects, 'NetworkPolicy');
    const ingressPorts = policies
      .filter((p) => (p['spec'] as { ingress?: unknown }).ingress)
      .map((p) => ({ name: p.metadata.name, selector: (p['spec'] as any).podSelector.matchLabels, ports: (p['spec'] as any).ingress.flatMap((r: any) => r.ports.map((x: any) => x.port)) }));
    const external = ingressPorts.find((p) => p.name === 'seatkeeper-gateway-ingress');
    expect(external).toEqual({ name: 'seatkeeper-gateway-ingress', selector: expect.objectContaining({ 'app.kubernetes.io/component': 'gateway' }), ports: [3000] });
    // The only other way in: the internal ports, for the metrics peers alone.
    expect(ingressPorts.filter((p) => p !== external).map((p) => p.name)).toEqual(['seatkeeper-metrics']);
    const egress = (policies.find((p) => p.metadata.name === 'seatkeeper-infra-egress')!['spec'] as any).egress.flatMap((r: any) => r.ports.map((x: any) => x.port));
    expect(egress).toEqual(expect.arrayContaining([4222, 5432, 53]));
    expect((ofKind(objects, 'Ingress')[0]['spec'] as any).rules[0].http.paths[0].backend.service.name).toBe('seatkeeper-gateway');
  });

  it('scrapes /metrics on every internal port through one ServiceMonitor', () => {
    const [monitor] = ofKind(objects, 'ServiceMonitor');
    const selector = (monitor['spec'] as any).selector.matchLabels;
    const scraped = ofKind(objects, 'Service').filter((s) => Object.entries(selector).every(([k, v]) => s.metadata.labels?.[k] === v));
    expect(scraped).toHaveLength(SERVICES.length);
    expect((monitor['spec'] as any).endpoints).toEqual([{ port: 'internal', path: '/metrics', interval: '30s' }]);
  });

  describe('the templates agree with the synthesis', () => {
    const templates = readdirSync(join(CHART_DIR, 'templates'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => readFileSync(join(CHART_DIR, 'templates', f), 'utf8'));
    const all = [...templates, readFileSync(join(CHART_DIR, 'templates/_helpers.tpl'), 'utf8')].join('\n');

    it('render the same kinds at the same apiVersions', () => {
      const pairs = new Set<string>();
      for (const t of templates) {
        for (const m of t.matchAll(/^apiVersion: (\S+)\nkind: (\w+)/gm)) pairs.add(`${m[1]} ${m[2]}`);
      }
      expect([...pairs].sort()).toEqual([...new Set(objects.map((o) => `${o.apiVersion} ${o.kind}`))].sort());
    });

    it('read only values that values.yaml defines', () => {
      const missing: string[] = [];
      for (const m of all.matchAll(/\$?\.(?:root\.)?Values((?:\.[A-Za-z][A-Za-z0-9]*)+)/g)) {
        let at: unknown = defaults;
        for (const key of m[1].slice(1).split('.')) at = (at as Record<string, unknown> | undefined)?.[key];
        if (at === undefined) missing.push(m[0]);
      }
      expect(missing).toEqual([]);
    });

    it('set the same env names', () => {
      const envInTemplates = new Set([...all.matchAll(/- name: ([A-Z][A-Z0-9_]+)$/gm)].map((m) => m[1]));
      const envInSynth = new Set(
        [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')].flatMap((d) => (podOf(d).containers[0]['env'] as Array<{ name: string }>).map((e) => e.name)),
      );
      const fromValues = new Set(Object.values(defaults.services).flatMap((s) => Object.keys(s.env)));
      expect([...envInTemplates].sort()).toEqual([...envInSynth].filter((n) => !fromValues.has(n)).sort());
    });
  });
});
