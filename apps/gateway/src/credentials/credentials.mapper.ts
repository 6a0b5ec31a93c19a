import type {
  AccessLogEntry,
  CredentialSettingsDto,
  CredentialTestResult,
  CredentialView,
  KeyRingStatus,
  MasterKeyRotation,
} from '@seatkeeper/contracts';
import type { Principal } from '../auth/principal';
import type {
  AccessLogEntryDto,
  CredentialDto,
  CredentialSettingsBodyDto,
  CredentialTestResultDto,
  KeyRingDto,
} from './credentials.dto';

/** Who the vault records as the actor: the token's name and id. */
export function actorOf(who: Principal): string {
  return `${who.tokenName} [token ${who.tokenId}]`.slice(0, 200);
}

/** snake_case body → the vault contract's camelCase settings. */
export function toSettings(
  body: CredentialSettingsBodyDto | undefined,
): CredentialSettingsDto | undefined {
  if (!body) return undefined;
  return {
    ...(body.api_key
      ? {
          apiKey: {
            headerName: body.api_key.header_name,
            valueTemplate: body.api_key.value_template,
          },
        }
      : {}),
    ...(body.oauth2
      ? {
          oauth2: {
            tokenUrl: body.oauth2.token_url,
            clientId: body.oauth2.client_id,
            scopes: body.oauth2.scopes,
          },
        }
      : {}),
    ...(body.basic ? { basic: { username: body.basic.username } } : {}),
  };
}

export function toCredentialDto(v: CredentialView): CredentialDto {
  const s = v.settings;
  return {
    id: v.id,
    name: v.name,
    vendor: v.vendor,
    description: v.description,
    type: v.type,
    preset: v.preset,
    storage: v.storage,
    settings: {
      ...(s.apiKey
        ? {
            api_key: {
              header_name: s.apiKey.headerName,
              value_template: s.apiKey.valueTemplate,
            },
          }
        : {}),
      ...(s.oauth2
        ? {
            oauth2: {
              token_url: s.oauth2.tokenUrl,
              client_id: s.oauth2.clientId,
              scopes: s.oauth2.scopes,
            },
          }
        : {}),
      ...(s.basic ? { basic: { username: s.basic.username } } : {}),
    },
    local_reference: v.localReference,
    secret_hint: v.secretHint,
    secret_version: v.secretVersion,
    secret_stored_in: v.secretStoredIn,
    created_by: v.createdBy,
    created_at: v.createdAt,
    updated_by: v.updatedBy,
    updated_at: v.updatedAt,
    last_used_at: v.lastUsedAt,
    last_test: v.lastTest,
  };
}

export function toTestResultDto(
  r: CredentialTestResult,
): CredentialTestResultDto {
  return {
    credential_id: r.credentialId,
    ok: r.ok,
    ...(r.status !== undefined ? { status: r.status } : {}),
    message: r.message,
    ...(r.endpoint !== undefined ? { endpoint: r.endpoint } : {}),
    tested_at: r.testedAt,
  };
}

export function toAccessLogEntryDto(e: AccessLogEntry): AccessLogEntryDto {
  return {
    id: e.id,
    credential_id: e.credentialId,
    action: e.action,
    caller_service: e.callerService,
    integration_id: e.integrationId,
    run_id: e.runId,
    workflow_id: e.workflowId,
    workflow_run_id: e.workflowRunId,
    purpose: e.purpose,
    outcome: e.outcome,
    error_code: e.errorCode,
    error_message: e.errorMessage,
    correlation_id: e.correlationId,
    at: e.at,
  };
}

export function toKeyRingDto(k: KeyRingStatus | MasterKeyRotation): KeyRingDto {
  return {
    active_version: k.activeVersion,
    keys: k.keys.map((m) => ({
      version: m.version,
      state: m.state,
      in_ring: m.inRing,
      wrapped_data_keys: m.wrappedDataKeys,
      activated_at: m.activatedAt,
      retired_at: m.retiredAt,
    })),
    ...('fromVersions' in k
      ? { from_versions: k.fromVersions, rewrapped: k.rewrapped }
      : {}),
  };
}
