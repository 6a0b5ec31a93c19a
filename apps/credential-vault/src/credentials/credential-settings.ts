import type {
  CredentialPreset,
  CredentialSettingsDto,
  CredentialStorage,
  CredentialType,
  LocalReferenceDto,
} from '@seatkeeper/contracts';
import { SECRET_PLACEHOLDER } from '@seatkeeper/contracts';
import type { FieldProblem } from '@seatkeeper/platform-messaging';
import type { CredentialSettings, LocalReference } from './credential.repository';

/** PagerDuty's documented forms: `Authorization: Token token=<key>` and the identity token endpoint. */
export const PRESETS: Record<CredentialPreset, { type: CredentialType; vendor: string; settings: CredentialSettings }> = {
  pagerduty_api_key: {
    type: 'api_key',
    vendor: 'pagerduty',
    settings: { apiKey: { headerName: 'Authorization', valueTemplate: `Token token=${SECRET_PLACEHOLDER}` } },
  },
  pagerduty_oauth: {
    type: 'oauth2_client_credentials',
    vendor: 'pagerduty',
    settings: { oauth2: { tokenUrl: 'https://identity.pagerduty.com/oauth/token', clientId: '', scopes: [] } },
  },
};

export interface SettingsInput {
  type: CredentialType;
  preset?: CredentialPreset | null;
  vendor: string;
  storage: CredentialStorage;
  settings?: CredentialSettingsDto;
  secret?: string;
  localReference?: LocalReferenceDto;
}

/**
 * The checks class-validator cannot express on its own: the settings block matching the type,
 * preset defaults, the secret present for vault storage and absent for local storage. Returns the
 * effective settings or every problem, each naming its field.
 */
export function resolveSettings(
  input: SettingsInput,
  /** The problem with a token URL (not one the vault may send a secret to), or null. */
  tokenUrlProblem: (tokenUrl: string) => string | null,
): { settings: CredentialSettings; localReference: LocalReference | null } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string): void => void problems.push({ field, messages: [message] });
  const preset = input.preset ? PRESETS[input.preset] : undefined;
  if (preset && preset.type !== input.type) problem('preset', `preset ${input.preset} is for type ${preset.type}`);
  if (preset && preset.vendor !== input.vendor) problem('preset', `preset ${input.preset} is for vendor ${preset.vendor}`);

  const settings: CredentialSettings = {};
  const given = input.settings ?? {};
  for (const other of ['apiKey', 'oauth2', 'basic'] as const) {
    const owner = { apiKey: 'api_key', oauth2: 'oauth2_client_credentials', basic: 'basic' }[other];
    if (given[other] !== undefined && owner !== input.type) problem(`settings.${other}`, `settings.${other} does not belong to type ${input.type}`);
  }
  if (input.type === 'api_key') {
    const base = preset?.settings.apiKey;
    const headerName = given.apiKey?.headerName ?? base?.headerName;
    const valueTemplate = given.apiKey?.valueTemplate ?? base?.valueTemplate;
    if (!headerName) problem('settings.apiKey.headerName', 'settings.apiKey.headerName is required (or use a preset)');
    if (!valueTemplate) problem('settings.apiKey.valueTemplate', 'settings.apiKey.valueTemplate is required (or use a preset)');
    else if (!valueTemplate.includes(SECRET_PLACEHOLDER)) {
      problem('settings.apiKey.valueTemplate', `settings.apiKey.valueTemplate must contain the ${SECRET_PLACEHOLDER} placeholder`);
    }
    if (headerName && valueTemplate) settings.apiKey = { headerName, valueTemplate };
  } else if (input.type === 'oauth2_client_credentials') {
    const o = given.oauth2;
    const tokenUrl = o?.tokenUrl ?? preset?.settings.oauth2?.tokenUrl;
    if (!o) problem('settings.oauth2', 'settings.oauth2 (clientId, scopes) is required for type oauth2_client_credentials');
    if (!tokenUrl) problem('settings.oauth2.tokenUrl', 'settings.oauth2.tokenUrl is required (or use the pagerduty_oauth preset)');
    const refused = tokenUrl ? tokenUrlProblem(tokenUrl) : null;
    if (refused) problem('settings.oauth2.tokenUrl', refused);
    if (o && tokenUrl) settings.oauth2 = { tokenUrl, clientId: o.clientId, scopes: o.scopes };
  } else {
    if (!given.basic) problem('settings.basic', 'settings.basic (username) is required for type basic');
    else settings.basic = { username: given.basic.username };
  }

  if (input.storage === 'local') {
    if (input.secret !== undefined) problem('secret', 'a local credential stores no secret in the vault; give localReference instead');
    if (!input.localReference) problem('localReference', 'localReference is required for storage local');
  } else {
    if (input.secret === undefined) problem('secret', 'secret is required for storage vault');
    if (input.localReference !== undefined) problem('localReference', 'localReference is only for storage local');
  }
  if (problems.length) return { problems };
  const ref = input.localReference;
  return { settings, localReference: ref ? { kind: ref.kind, name: ref.name } : null };
}

/** `••••` plus the last four characters of a long secret; nothing of a short one. */
export function secretHint(secret: string): string {
  return secret.length >= 16 ? `••••${secret.slice(-4)}` : '••••';
}
