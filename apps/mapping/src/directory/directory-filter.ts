import { RpcErrorCode } from '@seatkeeper/contracts';
import { RpcException } from '@seatkeeper/platform-messaging';
import { checkRule, type FieldCatalog, type Rule } from '@seatkeeper/rules';

/** A list filter (a rule of libs/rules over the catalog's fields), checked; VALIDATION_FAILED naming the rule's bad parts. */
export function checkedFilter(filter: Record<string, unknown> | undefined, catalog: FieldCatalog): Rule | undefined {
  if (!filter) return undefined;
  const checked = checkRule(filter, catalog);
  if (!checked.ok) {
    throw new RpcException(
      RpcErrorCode.ValidationFailed,
      'The filter is not a valid rule',
      checked.errors.map((e) => ({ field: `filter${e.path ? `.${e.path}` : ''}`, messages: [e.message] })),
    );
  }
  return checked.rule;
}
