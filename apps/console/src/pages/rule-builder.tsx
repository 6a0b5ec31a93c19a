import type { ApiError } from '../api/problem';

/**
 * A builder for the rule language (libs/rules README): conditions joined by all / any. The field
 * list is the SaaS users catalogue the directory accepts; the directory checks every rule anyway
 * and a wrong one comes back as a 400 naming `filter`, shown under the builder.
 */
export type FieldType = 'string' | 'number' | 'boolean' | 'date';
export interface Condition {
  field: string;
  op: string;
  value: string;
}
export interface RuleDraft {
  join: 'all' | 'any';
  conditions: Condition[];
}

export const SAAS_USER_FIELDS: Record<string, { label: string; type: FieldType }> = {
  vendorRole: { label: 'Role', type: 'string' },
  email: { label: 'Email', type: 'string' },
  status: { label: 'Status', type: 'string' },
  type: { label: 'Type', type: 'string' },
  externalId: { label: 'External id', type: 'string' },
  invitationSent: { label: 'Invitation sent', type: 'boolean' },
  lastActivityAt: { label: 'Last activity', type: 'date' },
  missingUpstreamSince: { label: 'Missing upstream since', type: 'date' },
  'saasApp.name': { label: 'App name', type: 'string' },
  'person.email': { label: 'Person email', type: 'string' },
  'person.employmentStatus': { label: 'Person employment status', type: 'string' },
};

const OPS: Record<FieldType, string[]> = {
  string: ['eq', 'neq', 'in', 'not_in', 'contains', 'starts_with', 'is_empty', 'is_not_empty'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'is_empty', 'is_not_empty'],
  boolean: ['eq', 'neq', 'is_empty', 'is_not_empty'],
  date: ['more_than_days_ago', 'less_than_days_ago', 'before', 'after', 'is_empty', 'is_not_empty'],
};
const NO_VALUE = new Set(['is_empty', 'is_not_empty']);

function valueOf(c: Condition, type: FieldType): unknown {
  if (c.op === 'in' || c.op === 'not_in') return c.value.split(',').map((v) => (type === 'number' ? Number(v.trim()) : v.trim())).filter((v) => v !== '');
  if (c.op === 'more_than_days_ago' || c.op === 'less_than_days_ago' || type === 'number') return Number(c.value);
  if (type === 'boolean') return c.value === 'true';
  return c.value;
}

/** The JSON rule for `?filter=`, or undefined when there is no condition. */
export function toRule(draft: RuleDraft): Record<string, unknown> | undefined {
  const conditions = draft.conditions
    .filter((c) => c.field)
    .map((c) => {
      const type = SAAS_USER_FIELDS[c.field]?.type ?? 'string';
      return NO_VALUE.has(c.op) ? { field: c.field, op: c.op } : { field: c.field, op: c.op, value: valueOf(c, type) };
    });
  if (conditions.length === 0) return undefined;
  return { [draft.join]: conditions };
}

export function RuleBuilder(props: { draft: RuleDraft; onChange: (d: RuleDraft) => void; error?: ApiError }) {
  const { draft } = props;
  const set = (i: number, c: Condition) => props.onChange({ ...draft, conditions: draft.conditions.map((x, j) => (j === i ? c : x)) });
  const messages = props.error?.messagesFor('filter') ?? [];
  return (
    <fieldset className={messages.length ? 'rule-builder invalid' : 'rule-builder'} aria-label="Filter" data-field="filter">
      <legend>
        Users matching{' '}
        <select aria-label="Join" value={draft.join} onChange={(e) => props.onChange({ ...draft, join: e.target.value as 'all' | 'any' })}>
          <option value="all">all</option>
          <option value="any">any</option>
        </select>{' '}
        of these conditions
      </legend>
      {draft.conditions.map((c, i) => {
        const type = SAAS_USER_FIELDS[c.field]?.type ?? 'string';
        return (
          <div className="condition" key={i}>
            <select aria-label={`Field of condition ${i + 1}`} value={c.field} onChange={(e) => set(i, { field: e.target.value, op: OPS[SAAS_USER_FIELDS[e.target.value]?.type ?? 'string'][0] ?? 'eq', value: '' })}>
              {Object.entries(SAAS_USER_FIELDS).map(([k, f]) => (
                <option key={k} value={k}>
                  {f.label}
                </option>
              ))}
            </select>
            <select aria-label={`Operator of condition ${i + 1}`} value={c.op} onChange={(e) => set(i, { ...c, op: e.target.value })}>
              {OPS[type].map((op) => (
                <option key={op} value={op}>
                  {op.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
            {!NO_VALUE.has(c.op) && (
              <input
                aria-label={`Value of condition ${i + 1}`}
                value={c.value}
                placeholder={c.op === 'in' || c.op === 'not_in' ? 'a, b, c' : type === 'date' && c.op.endsWith('days_ago') ? 'days' : ''}
                onChange={(e) => set(i, { ...c, value: e.target.value })}
              />
            )}
            <button type="button" className="link" aria-label={`Remove condition ${i + 1}`} onClick={() => props.onChange({ ...draft, conditions: draft.conditions.filter((_, j) => j !== i) })}>
              ✕
            </button>
          </div>
        );
      })}
      <button type="button" className="secondary" onClick={() => props.onChange({ ...draft, conditions: [...draft.conditions, { field: 'vendorRole', op: 'eq', value: '' }] })}>
        Add condition
      </button>
      {messages.map((m) => (
        <div key={m} className="field-error" role="alert">
          {m}
        </div>
      ))}
    </fieldset>
  );
}
