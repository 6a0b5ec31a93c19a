import { Transform } from 'class-transformer';
import { IsUrl, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { normaliseBaseUrl } from './egress-policy';

const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter((v) => v !== '') : value;

export const BASE_URL_RULE = { require_tld: false, require_protocol: true, protocols: ['http', 'https'], disallow_auth: true };

/** Boot check: every listed URL is a plain http(s) base (no userinfo, query or fragment). */
@ValidatorConstraint({ name: 'plainBaseUrls' })
class PlainBaseUrls implements ValidatorConstraintInterface {
  private problem = '';
  validate(value: unknown): boolean {
    if (!Array.isArray(value)) return false;
    try {
      for (const v of value) normaliseBaseUrl(String(v));
      return true;
    } catch (e) {
      this.problem = (e as Error).message;
      return false;
    }
  }
  defaultMessage(): string {
    return this.problem || 'must be a list of http(s) base URLs';
  }
}

/**
 * An env variable listing the URLs an operator allows a secret to be sent to, comma-separated
 * (`SYNC_ALLOWED_BASE_URLS`, `VAULT_ALLOWED_TOKEN_URLS`): parsed to a list and checked at boot.
 */
export function IsAllowedUrlList(name: string): PropertyDecorator {
  const decorators = [
    Transform(toList),
    IsUrl(BASE_URL_RULE, { each: true, message: `${name} must be http(s) URLs without userinfo, separated by commas` }),
    Validate(PlainBaseUrls),
  ];
  return (target, key) => decorators.forEach((d) => d(target, key));
}
