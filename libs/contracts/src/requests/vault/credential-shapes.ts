import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

/** How a credential authenticates against its vendor. */
export const CREDENTIAL_TYPES = ['api_key', 'oauth2_client_credentials', 'basic'] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

/** Ready-made settings for a vendor; a preset fills in the fields it names, the caller supplies the rest. */
export const CREDENTIAL_PRESETS = ['pagerduty_api_key', 'pagerduty_oauth'] as const;
export type CredentialPreset = (typeof CREDENTIAL_PRESETS)[number];

/** `vault`: the vault stores the secret, encrypted. `local`: the secret stays on the runner; the vault keeps only a reference. */
export const CREDENTIAL_STORAGES = ['vault', 'local'] as const;
export type CredentialStorage = (typeof CREDENTIAL_STORAGES)[number];

/** The placeholder an api_key value template must contain, e.g. `Token token={{secret}}`. */
export const SECRET_PLACEHOLDER = '{{secret}}';

/** Longest secret accepted (bytes of UTF-16 text); API keys and client secrets are far shorter. */
export const MAX_SECRET_LENGTH = 8192;

export class ApiKeyConfigDto {
  /** HTTP header that carries the key, e.g. `Authorization`. Optional with the `pagerduty_api_key` preset. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,100}$/, { message: 'headerName must be an HTTP header name (letters, digits, dashes)' })
  headerName?: string;

  /** The header value with `{{secret}}` where the key goes, e.g. `Token token={{secret}}`. Optional with a preset. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/\{\{secret\}\}/, { message: 'valueTemplate must contain the {{secret}} placeholder' })
  valueTemplate?: string;
}

export class OAuth2ConfigDto {
  /** The token endpoint (client_credentials grant). Optional with the `pagerduty_oauth` preset. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['https', 'http'] })
  @MaxLength(2000)
  tokenUrl?: string;

  /** The OAuth client id (not a secret; the client secret is `secret`). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  clientId!: string;

  /** Scopes requested with every token, e.g. `["as_account-us.acme", "users.read"]`. */
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  scopes!: string[];
}

export class BasicConfigDto {
  /** The user name; the password is `secret`. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  username!: string;
}

/** Where a `local` credential's secret lives on the runner. The vault never sees the secret itself. */
export class LocalReferenceDto {
  /** `env`: an environment variable of the runner; `file`: a file mounted on the runner. */
  @IsIn(['env', 'file'])
  kind!: 'env' | 'file';

  /** The variable name (`PAGERDUTY_TOKEN`) or the file path (`/run/secrets/pagerduty`). */
  @IsString()
  @Matches(/^[A-Za-z0-9_./-]{1,300}$/, { message: 'name must be a variable name or a file path (letters, digits, _ . / -)' })
  name!: string;
}

/** The non-secret settings of a credential, one block per type (only the one matching `type` is used). */
export class CredentialSettingsDto {
  @IsOptional()
  @ValidateNested()
  @Type(() => ApiKeyConfigDto)
  apiKey?: ApiKeyConfigDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => OAuth2ConfigDto)
  oauth2?: OAuth2ConfigDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => BasicConfigDto)
  basic?: BasicConfigDto;
}

/** What every read of a credential returns: metadata and a masked hint, never the secret. */
export interface CredentialView {
  id: string;
  name: string;
  vendor: string;
  description: string | null;
  type: CredentialType;
  preset: CredentialPreset | null;
  storage: CredentialStorage;
  /** The effective non-secret settings (presets applied). */
  settings: {
    apiKey?: { headerName: string; valueTemplate: string };
    oauth2?: { tokenUrl: string; clientId: string; scopes: string[] };
    basic?: { username: string };
  };
  /** `local` credentials only: where the runner finds the secret. */
  localReference: { kind: 'env' | 'file'; name: string } | null;
  /** e.g. `••••9f3a`, or `••••` for short secrets; null for `local` credentials. */
  secretHint: string | null;
  /** 1 at creation, +1 each time the secret is replaced. */
  secretVersion: number;
  /** Human-readable statement of where the secret is kept. */
  secretStoredIn: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  lastUsedAt: string | null;
  lastTest: { at: string; ok: boolean; message: string } | null;
}

/** A person or system acting on a credential (from the gateway: the signed-in user's id or email). */
export class ActorFields {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  actor!: string;
}
