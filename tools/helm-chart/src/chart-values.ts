import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The chart's directory, its metadata and default values, read from deploy/helm/seatkeeper. */
export const CHART_DIR = join(__dirname, '../../../deploy/helm/seatkeeper');

export interface ServiceValues {
  replicas: number;
  internalPort: number;
  httpPort?: number;
  resources: Record<string, unknown>;
  /** V8 old space in MB (NODE_OPTIONS=--max-old-space-size); 0 or absent: Node's default. */
  heapMb?: number;
  env: Record<string, string>;
}

// The values.yaml shape the templates read (kept loose where the chart passes blocks through with toYaml).
export interface ChartValues {
  image: { registry: string; tag: string; pullPolicy: string; pullSecrets: unknown[] };
  existingSecret: { name: string; keys: { vaultMasterKeys: string; databaseUrl: string; natsPassword: string; gatewayBootstrapAdminToken: string; reportingShareLinkKey: string } };
  nats: { url: string; auth: boolean; subjectPrefix: string; requestTimeoutMs: number; port: number; networkPolicyPeers: unknown[] };
  postgres: { port: number; poolMax: number; networkPolicyPeers: unknown[] };
  logLevel: string;
  /** integration-sync's SYNC_ALLOWED_BASE_URLS, joined with commas. */
  integrationSync: { allowedBaseUrls: string[] };
  /** the vault's VAULT_ALLOWED_TOKEN_URLS, joined with commas. */
  credentialVault: { allowedTokenUrls: string[] };
  podSecurityContext: Record<string, unknown>;
  containerSecurityContext: Record<string, unknown>;
  probes: { liveness: Record<string, unknown>; readiness: Record<string, unknown> };
  services: Record<string, ServiceValues>;
  migrations: { enabled: boolean; backoffLimit: number; activeDeadlineSeconds: number; resources: Record<string, unknown> };
  gatewayService: { type: string; port: number };
  ingress: { enabled: boolean; className: string; annotations: Record<string, string>; host: string; tls: { enabled: boolean; secretName: string } };
  autoscaling: { enabled: boolean; minReplicas: number; maxReplicas: number; targetCPUUtilizationPercentage: number; services: string[] };
  podDisruptionBudget: { enabled: boolean; minAvailable: number };
  networkPolicy: { enabled: boolean; ingressPeers: unknown[]; metricsPeers: unknown[]; vendorEgressPorts: number[] };
  serviceMonitor: { enabled: boolean; interval: string; labels: Record<string, string> };
}

export interface ChartMeta {
  name: string;
  version: string;
  appVersion: string;
}

export function readChartMeta(): ChartMeta {
  return parse(readFileSync(join(CHART_DIR, 'Chart.yaml'), 'utf8')) as ChartMeta;
}

export function readDefaultValues(): ChartValues {
  return parse(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8')) as ChartValues;
}

/** Helm's `--set`-like override: a deep merge of plain objects (arrays and scalars replace). */
export function mergeValues<T>(base: T, override: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(override)) return (override === undefined ? base : override) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(override)) out[k] = mergeValues(out[k], v);
  return out as T;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
