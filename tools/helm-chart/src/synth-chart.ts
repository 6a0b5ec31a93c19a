import { ApiObject, App, Chart } from 'cdk8s';
import type { ChartMeta, ChartValues, ServiceValues } from './chart-values';

/**
 * The chart's objects synthesised with cdk8s, statement for statement what the templates in
 * deploy/helm/seatkeeper/templates render (no Helm renderer runs in Node; see deploy/README.md).
 * A change to a template is a change here, and the chart test checks both sides agree on kinds,
 * names and the values they read.
 */
export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> } } & Record<string, unknown>;

export interface Release {
  name: string;
  namespace?: string;
}

export function synthChart(meta: ChartMeta, values: ChartValues, release: Release = { name: 'seatkeeper' }): K8sObject[] {
  const app = new App();
  const chart = new Chart(app, 'seatkeeper', { namespace: release.namespace, disableResourceNameHashes: true });
  const full = fullname(meta, release);
  const labels = {
    'app.kubernetes.io/name': meta.name,
    'app.kubernetes.io/instance': release.name,
    'app.kubernetes.io/version': meta.appVersion,
    'app.kubernetes.io/managed-by': 'Helm',
    'helm.sh/chart': `${meta.name}-${meta.version}`,
  };
  const selector = (name: string) => ({ 'app.kubernetes.io/name': meta.name, 'app.kubernetes.io/instance': release.name, 'app.kubernetes.io/component': name });
  const instance = { 'app.kubernetes.io/name': meta.name, 'app.kubernetes.io/instance': release.name };
  const image = (name: string) => `${values.image.registry}/${name}:${values.image.tag || meta.appVersion}`;
  const add = (o: K8sObject) => new ApiObject(chart, `${o.kind}-${o.metadata.name}`, o);
  const services = Object.entries(values.services).sort(([a], [b]) => a.localeCompare(b));

  for (const [name, svc] of services) {
    const scaled = values.autoscaling.enabled && values.autoscaling.services.includes(name);
    add({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `${full}-${name}`, labels: { ...labels, 'app.kubernetes.io/component': name } },
      spec: {
        ...(scaled ? {} : { replicas: svc.replicas }),
        revisionHistoryLimit: 5,
        selector: { matchLabels: selector(name) },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
          metadata: { labels: selector(name) },
          spec: {
            automountServiceAccountToken: false,
            securityContext: values.podSecurityContext,
            ...(values.image.pullSecrets.length ? { imagePullSecrets: values.image.pullSecrets } : {}),
            terminationGracePeriodSeconds: 30,
            containers: [
              {
                name,
                image: image(name),
                imagePullPolicy: values.image.pullPolicy,
                securityContext: values.containerSecurityContext,
                env: serviceEnv(values, name, svc),
                ports: [{ name: 'internal', containerPort: svc.internalPort }, ...(name === 'gateway' ? [{ name: 'http', containerPort: svc.httpPort }] : [])],
                livenessProbe: { httpGet: { path: '/health', port: 'internal' }, ...values.probes.liveness },
                readinessProbe: { httpGet: { path: '/health', port: 'internal' }, ...values.probes.readiness },
                resources: svc.resources,
                volumeMounts: mounts(name),
              },
            ],
            volumes: volumes(values, name),
          },
        },
      },
    });
  }

  if (values.migrations.enabled) {
    for (const [name, svc] of services) {
      add({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          name: `${full}-${name}-migrate`,
          labels: { ...labels, 'app.kubernetes.io/component': `${name}-migrate` },
          annotations: { 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '0', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' },
        },
        spec: {
          backoffLimit: values.migrations.backoffLimit,
          activeDeadlineSeconds: values.migrations.activeDeadlineSeconds,
          template: {
            metadata: { labels: { ...instance, 'app.kubernetes.io/component': `${name}-migrate` } },
            spec: {
              restartPolicy: 'Never',
              automountServiceAccountToken: false,
              securityContext: values.podSecurityContext,
              containers: [
                {
                  name: 'migrate',
                  image: image(name),
                  imagePullPolicy: values.image.pullPolicy,
                  args: ['migrate'],
                  securityContext: values.containerSecurityContext,
                  env: serviceEnv(values, name, svc),
                  resources: values.migrations.resources,
                  volumeMounts: mounts(name),
                },
              ],
              volumes: volumes(values, name),
            },
          },
        },
      });
    }
  }

  for (const [name, svc] of services) {
    add({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `${full}-${name}-internal`, labels: { ...labels, 'app.kubernetes.io/component': name, 'seatkeeper.io/metrics': 'true' } },
      spec: { type: 'ClusterIP', selector: selector(name), ports: [{ name: 'internal', port: svc.internalPort, targetPort: 'internal' }] },
    });
  }
  add({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `${full}-gateway`, labels: { ...labels, 'app.kubernetes.io/component': 'gateway' } },
    spec: { type: values.gatewayService.type, selector: selector('gateway'), ports: [{ name: 'http', port: values.gatewayService.port, targetPort: 'http' }] },
  });

  if (values.ingress.enabled) {
    const ing = values.ingress;
    add({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: `${full}-gateway`,
        labels: { ...labels, 'app.kubernetes.io/component': 'gateway' },
        ...(Object.keys(ing.annotations).length ? { annotations: ing.annotations } : {}),
      },
      spec: {
        ingressClassName: ing.className,
        ...(ing.tls.enabled ? { tls: [{ hosts: [ing.host], secretName: ing.tls.secretName }] } : {}),
        rules: [
          {
            host: ing.host,
            http: { paths: [{ path: '/api', pathType: 'Prefix', backend: { service: { name: `${full}-gateway`, port: { name: 'http' } } } }] },
          },
        ],
      },
    });
  }

  if (values.autoscaling.enabled) {
    for (const name of values.autoscaling.services) {
      add({
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: `${full}-${name}`, labels: { ...labels, 'app.kubernetes.io/component': name } },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `${full}-${name}` },
          minReplicas: values.autoscaling.minReplicas,
          maxReplicas: values.autoscaling.maxReplicas,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: values.autoscaling.targetCPUUtilizationPercentage } } }],
        },
      });
    }
  }

  if (values.podDisruptionBudget.enabled) {
    for (const [name] of services) {
      add({
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: `${full}-${name}`, labels: { ...labels, 'app.kubernetes.io/component': name } },
        spec: { minAvailable: values.podDisruptionBudget.minAvailable, selector: { matchLabels: selector(name) } },
      });
    }
  }

  if (values.networkPolicy.enabled) {
    const np = (name: string, spec: Record<string, unknown>) =>
      add({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `${full}-${name}`, labels }, spec });
    np('default-deny', { podSelector: { matchLabels: instance }, policyTypes: ['Ingress', 'Egress'] });
    np('gateway-ingress', {
      podSelector: { matchLabels: selector('gateway') },
      policyTypes: ['Ingress'],
      ingress: [{ from: values.networkPolicy.ingressPeers, ports: [{ protocol: 'TCP', port: values.services['gateway'].httpPort }] }],
    });
    np('metrics', {
      podSelector: { matchLabels: instance },
      policyTypes: ['Ingress'],
      ingress: [{ from: values.networkPolicy.metricsPeers, ports: services.map(([, s]) => ({ protocol: 'TCP', port: s.internalPort })) }],
    });
    np('infra-egress', {
      podSelector: { matchLabels: instance },
      policyTypes: ['Egress'],
      egress: [
        { to: values.nats.networkPolicyPeers, ports: [{ protocol: 'TCP', port: values.nats.port }] },
        { to: values.postgres.networkPolicyPeers, ports: [{ protocol: 'TCP', port: values.postgres.port }] },
        {
          to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    });
    np('vendor-egress', {
      podSelector: {
        matchExpressions: [
          { key: 'app.kubernetes.io/instance', operator: 'In', values: [release.name] },
          { key: 'app.kubernetes.io/component', operator: 'In', values: ['integration-sync', 'credential-vault'] },
        ],
      },
      policyTypes: ['Egress'],
      egress: [{ ports: values.networkPolicy.vendorEgressPorts.map((port) => ({ protocol: 'TCP', port })) }],
    });
  }

  if (values.serviceMonitor.enabled) {
    add({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: full, labels: { ...labels, ...values.serviceMonitor.labels } },
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/instance': release.name, 'seatkeeper.io/metrics': 'true' } },
        endpoints: [{ port: 'internal', path: '/metrics', interval: values.serviceMonitor.interval }],
      },
    });
  }

  return chart.toJson() as K8sObject[];
}

/** Helm's `seatkeeper.fullname`: the release name if it already says "seatkeeper", else release-chart (40 chars). */
export function fullname(meta: ChartMeta, release: Release): string {
  const raw = release.name.includes(meta.name) ? release.name : `${release.name}-${meta.name}`;
  return raw.slice(0, 40).replace(/-+$/, '');
}

function secretRef(values: ChartValues, key: string, optional = false) {
  return { secretKeyRef: { name: values.existingSecret.name, key, ...(optional ? { optional: true } : {}) } };
}

/** Helm's `seatkeeper.env`: what every service and its migration Job get. */
export function serviceEnv(values: ChartValues, name: string, svc: ServiceValues): Array<Record<string, unknown>> {
  const keys = values.existingSecret.keys;
  const env: Array<Record<string, unknown>> = [
    { name: 'NODE_ENV', value: 'production' },
    { name: 'LOG_LEVEL', value: values.logLevel },
    { name: 'INTERNAL_PORT', value: String(svc.internalPort) },
    { name: 'DATABASE_URL', valueFrom: secretRef(values, keys.databaseUrl.replace('<service>', name)) },
    { name: 'DATABASE_POOL_MAX', value: String(values.postgres.poolMax) },
    { name: 'NATS_URL', value: values.nats.url },
    { name: 'NATS_SUBJECT_PREFIX', value: values.nats.subjectPrefix },
    { name: 'NATS_REQUEST_TIMEOUT_MS', value: String(values.nats.requestTimeoutMs) },
  ];
  if (svc.heapMb) env.push({ name: 'NODE_OPTIONS', value: `--max-old-space-size=${svc.heapMb}` });
  if (values.nats.auth) {
    env.push({ name: 'NATS_USER', value: name }, { name: 'NATS_PASSWORD', valueFrom: secretRef(values, keys.natsPassword.replace('<service>', name)) });
  }
  if (name === 'credential-vault') {
    env.push(
      { name: 'VAULT_MASTER_KEYS_FILE', value: '/run/secrets/seatkeeper/vault-master-keys' },
      { name: 'VAULT_ALLOWED_TOKEN_URLS', value: values.credentialVault.allowedTokenUrls.join(',') },
    );
  }
  if (name === 'integration-sync') env.push({ name: 'SYNC_ALLOWED_BASE_URLS', value: values.integrationSync.allowedBaseUrls.join(',') });
  if (name === 'reporting') env.push({ name: 'REPORTING_SHARE_LINK_KEY', valueFrom: secretRef(values, keys.reportingShareLinkKey) });
  if (name === 'gateway') {
    env.push({ name: 'HTTP_PORT', value: String(svc.httpPort) }, { name: 'GATEWAY_BOOTSTRAP_ADMIN_TOKEN', valueFrom: secretRef(values, keys.gatewayBootstrapAdminToken, true) });
  }
  // Helm ranges over a map in key order.
  for (const key of Object.keys(svc.env ?? {}).sort()) env.push({ name: key, value: String(svc.env[key]) });
  return env;
}

function mounts(name: string) {
  return [{ name: 'tmp', mountPath: '/tmp' }, ...(name === 'credential-vault' ? [{ name: 'vault-master-keys', mountPath: '/run/secrets/seatkeeper', readOnly: true }] : [])];
}

function volumes(values: ChartValues, name: string) {
  return [
    { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
    ...(name === 'credential-vault'
      ? [{ name: 'vault-master-keys', secret: { secretName: values.existingSecret.name, defaultMode: 0o400, items: [{ key: values.existingSecret.keys.vaultMasterKeys, path: 'vault-master-keys' }] } }]
      : []),
  ];
}
