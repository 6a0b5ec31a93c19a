import {
  isOperator,
  MAX_CONDITIONS,
  MAX_DAYS,
  MAX_DEPTH,
  MAX_LIST_LENGTH,
  OPERATOR_SPECS,
  operatorsFor,
  parseRuleDate,
} from './operators';
import {
  CheckResult,
  Condition,
  FieldCatalog,
  FieldDefinition,
  FieldType,
  Operator,
  Rule,
  RuleError,
} from './rule.types';

/** Thrown by `assertRule` (and so by `compileToSql`) for a rule that does not check. */
export class InvalidRuleError extends Error {
  constructor(readonly errors: RuleError[]) {
    super(
      `Invalid rule: ${errors.map((e) => `${e.path || '(rule)'}: ${e.message}`).join('; ')}`,
    );
    this.name = 'InvalidRuleError';
  }
}

/**
 * Checks untrusted input (e.g. a JSON request body) against the language and the field catalogue.
 * On success returns a fresh copy of the rule (no aliasing of the input); on failure every error
 * found, each with the path of the offending node or property (`all[1].value`).
 */
export function checkRule(input: unknown, catalog: FieldCatalog): CheckResult {
  const state: CheckState = { catalog, errors: [], conditions: 0 };
  const rule = checkNode(input, '', 1, state);
  if (state.conditions > MAX_CONDITIONS) {
    state.errors.unshift({
      path: '',
      message: `rule has ${state.conditions} conditions; at most ${MAX_CONDITIONS} are allowed`,
    });
  }
  return state.errors.length === 0 && rule
    ? { ok: true, rule }
    : { ok: false, errors: state.errors };
}

/** `checkRule`, throwing `InvalidRuleError` instead of returning errors. */
export function assertRule(input: unknown, catalog: FieldCatalog): Rule {
  const result = checkRule(input, catalog);
  if (!result.ok) throw new InvalidRuleError(result.errors);
  return result.rule;
}

interface CheckState {
  catalog: FieldCatalog;
  errors: RuleError[];
  conditions: number;
}

const GROUP_KEYS = ['all', 'any', 'not'] as const;
const CONDITION_KEYS = new Set(['field', 'op', 'value']);

function checkNode(
  node: unknown,
  path: string,
  depth: number,
  state: CheckState,
): Rule | undefined {
  const fail = (message: string, at = path): undefined => {
    state.errors.push({ path: at, message });
    return undefined;
  };
  if (depth > MAX_DEPTH)
    return fail(`rule is nested more than ${MAX_DEPTH} levels deep`);
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    return fail(
      'expected an object: a group ({"all": [...]}, {"any": [...]}, {"not": {...}}) or a condition ({"field", "op", "value"})',
    );
  }
  const keys = Object.keys(node);
  const record = node as Record<string, unknown>;
  const group = GROUP_KEYS.find((k) => keys.includes(k));
  if (group) {
    if (keys.length !== 1)
      return fail(
        `a "${group}" group must have no other keys (found ${keys.map((k) => `"${k}"`).join(', ')})`,
      );
    if (group === 'not') {
      const inner = checkNode(record['not'], at(path, 'not'), depth + 1, state);
      return inner && { not: inner };
    }
    const children = record[group];
    if (!Array.isArray(children))
      return fail(`"${group}" must be an array of rules`, at(path, group));
    const checked = children.map((child, i) =>
      checkNode(child, `${at(path, group)}[${i}]`, depth + 1, state),
    );
    if (checked.some((c) => c === undefined)) return undefined;
    return group === 'all'
      ? { all: checked as Rule[] }
      : { any: checked as Rule[] };
  }
  if (keys.includes('field') || keys.includes('op')) {
    const extra = keys.filter((k) => !CONDITION_KEYS.has(k));
    if (extra.length > 0)
      return fail(
        `unknown key ${extra.map((k) => `"${k}"`).join(', ')} in condition (allowed: field, op, value)`,
      );
    state.conditions++;
    return checkCondition(record, path, state);
  }
  return fail(
    keys.length === 0
      ? 'empty object: expected a group ({"all": [...]}, {"any": [...]}, {"not": {...}}) or a condition ({"field", "op", "value"})'
      : `unknown key ${keys.map((k) => `"${k}"`).join(', ')}: expected "all", "any", "not" or a condition ("field", "op", "value")`,
  );
}

function checkCondition(
  node: Record<string, unknown>,
  path: string,
  state: CheckState,
): Condition | undefined {
  const before = state.errors.length;
  const fail = (key: string, message: string): undefined => {
    state.errors.push({ path: at(path, key), message });
    return undefined;
  };
  const { field, op, value } = node;
  if (typeof field !== 'string' || field === '')
    return fail('field', 'field must be a non-empty string');
  const def: FieldDefinition | undefined = Object.prototype.hasOwnProperty.call(
    state.catalog,
    field,
  )
    ? state.catalog[field]
    : undefined;
  if (!def)
    return fail(
      'field',
      `unknown field "${field}"; known fields: ${Object.keys(state.catalog).join(', ')}`,
    );
  if (!isOperator(op)) {
    return fail(
      'op',
      `unknown operator ${JSON.stringify(op)}; ${def.type} field "${field}" allows: ${operatorsFor(def.type).join(', ')}`,
    );
  }
  const spec = OPERATOR_SPECS[op];
  if (!spec.types.includes(def.type)) {
    return fail(
      'op',
      `operator "${op}" does not apply to ${def.type} field "${field}"; it allows: ${operatorsFor(def.type).join(', ')}`,
    );
  }
  const valuePath = at(path, 'value');
  const valueError = (message: string) =>
    state.errors.push({ path: valuePath, message });
  switch (spec.value) {
    case 'none':
      if (value !== undefined) valueError(`"${op}" takes no value`);
      break;
    case 'scalar':
      if (value === undefined || value === null)
        valueError(
          `"${op}" needs a ${describe(def.type)}; to match a missing value use "is_empty"`,
        );
      else if (!isOfType(value, def.type))
        valueError(
          `"${op}" on ${def.type} field "${field}" needs a ${describe(def.type)}, got ${show(value)}`,
        );
      break;
    case 'list':
      checkList(op, value, def.type, valuePath, state);
      break;
    case 'text':
      if (typeof value !== 'string' || value === '')
        valueError(`"${op}" needs a non-empty string, got ${show(value)}`);
      break;
    case 'date':
      if (!parseRuleDate(value)) {
        valueError(
          `"${op}" needs an ISO 8601 date ("2025-01-31") or date-time with offset ("2025-01-31T09:00:00Z"), got ${show(value)}`,
        );
      }
      break;
    case 'days':
      if (
        typeof value !== 'number' ||
        !Number.isInteger(value) ||
        value < 0 ||
        value > MAX_DAYS
      ) {
        valueError(
          `"${op}" needs a whole number of days between 0 and ${MAX_DAYS}, got ${show(value)}`,
        );
      }
      break;
  }
  if (state.errors.length > before) return undefined;
  return spec.value === 'none'
    ? { field, op }
    : { field, op, value: Array.isArray(value) ? [...value] : value };
}

function checkList(
  op: Operator,
  value: unknown,
  type: FieldType,
  path: string,
  state: CheckState,
): void {
  if (!Array.isArray(value)) {
    state.errors.push({
      path,
      message: `"${op}" needs an array of ${describe(type)}s, got ${show(value)}`,
    });
    return;
  }
  if (value.length > MAX_LIST_LENGTH) {
    state.errors.push({
      path,
      message: `"${op}" allows at most ${MAX_LIST_LENGTH} values, got ${value.length}`,
    });
    return;
  }
  value.forEach((item, i) => {
    if (!isOfType(item, type))
      state.errors.push({
        path: `${path}[${i}]`,
        message: `expected a ${describe(type)}, got ${show(item)}`,
      });
  });
}

function isOfType(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return parseRuleDate(value) !== undefined;
  }
}

function describe(type: FieldType): string {
  return type === 'number' ? 'finite number' : type;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  json ??= String(typeof value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

function at(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
