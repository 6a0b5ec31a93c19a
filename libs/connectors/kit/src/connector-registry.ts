import type { Connector } from './connector';
import type { EgressPolicy } from './egress-policy';

/** Where an integration points: its region (a vendor preset) and, when set, a base URL replacing the preset's host. */
export interface ConnectorTarget {
  region: string;
  baseUrl: string | null;
}

/**
 * A credential as the service holds it for the length of a call or run, never logged:
 * `token` an API key (sent in the vendor's own scheme), `bearer` an OAuth access token,
 * `headers` the HTTP headers the vault rendered.
 */
export type ConnectorCredential =
  | { kind: 'token' | 'bearer'; secret: string }
  | { kind: 'headers'; headers: Record<string, string> };

/** The process's settings every vendor's connectors are built with (integration-sync's env). */
export interface ConnectorSettings {
  /** Base URLs an operator allows beyond each vendor's official ones (the simulator, a proxy). */
  allowedBaseUrls: readonly string[];
  timeoutMs: number;
  retry: { maxAttempts: number; initialDelayMs: number };
  /** The vendor's limit per credential per minute, and the share of it the connectors may use. */
  rateLimit: { accountLimitPerMinute: number; share: number };
}

/**
 * A vendor's connectors in one process. What must be shared between all of them (the rate budget
 * of a credential, so a sync and a workflow action on one key draw from one share; the egress
 * dispatcher) lives here, created once by `ConnectorRegistration.setUp`.
 */
export interface VendorConnectorFactory {
  /** Where this vendor's credentials may be sent (an integration's base URL is checked against it on save). */
  readonly egress: EgressPolicy;
  /** The base URL a target resolves to, without connecting (shown when no connector could be built). */
  endpointOf(target: ConnectorTarget): string;
  create(target: ConnectorTarget, credential: ConnectorCredential): Connector;
  dispose(): Promise<void>;
}

/** What a connector library exports for a service to register it: one line in the service's list. */
export interface ConnectorRegistration {
  /** The integration's `vendor` this connector serves. */
  readonly vendor: string;
  setUp(settings: ConnectorSettings): VendorConnectorFactory;
}

/** An integration names a vendor no connector is registered for: a deployment or data error, never retried. */
export class UnknownVendorError extends Error {
  constructor(
    readonly vendor: string,
    registered: readonly string[],
  ) {
    super(`no connector is registered for vendor "${vendor}" (registered: ${registered.join(', ') || 'none'})`);
    this.name = 'UnknownVendorError';
  }
}

/** The connectors of a process, by vendor id; each vendor is set up once, when the registry is made. */
export class ConnectorRegistry {
  private readonly factories = new Map<string, VendorConnectorFactory>();

  constructor(registrations: readonly ConnectorRegistration[], settings: ConnectorSettings) {
    for (const registration of registrations) {
      if (this.factories.has(registration.vendor)) throw new Error(`vendor "${registration.vendor}" is registered twice`);
      this.factories.set(registration.vendor, registration.setUp(settings));
    }
  }

  get vendors(): string[] {
    return [...this.factories.keys()];
  }

  has(vendor: string): boolean {
    return this.factories.has(vendor);
  }

  /** Throws `UnknownVendorError` for a vendor nobody registered. */
  forVendor(vendor: string): VendorConnectorFactory {
    const factory = this.factories.get(vendor);
    if (!factory) throw new UnknownVendorError(vendor, this.vendors);
    return factory;
  }

  connect(vendor: string, target: ConnectorTarget, credential: ConnectorCredential): Connector {
    return this.forVendor(vendor).create(target, credential);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.factories.values()].map((f) => f.dispose()));
  }
}
