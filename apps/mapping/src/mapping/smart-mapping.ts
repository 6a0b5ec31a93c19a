import type { MappingSuggestion, TargetFieldView } from '@seatkeeper/contracts';
import { isEmail } from 'class-validator';

interface NameRule {
  names: RegExp;
  target: string;
  confidence: number;
  transform?: MappingSuggestion['transform'];
}

// Field-name heuristics, strongest first. Sample values can confirm or contradict them.
const NAME_RULES: NameRule[] = [
  { names: /^(e-?mail|email_address|mail)$/i, target: 'person.email', confidence: 0.9, transform: { type: 'lower_case' } },
  { names: /^(e-?mail|email_address|mail)$/i, target: 'person.username', confidence: 0.85, transform: { type: 'lower_case' } },
  { names: /^(name|full_?name|display_?name)$/i, target: 'person.fullName', confidence: 0.85 },
  { names: /^(name|full_?name|display_?name)$/i, target: 'person.firstName', confidence: 0.7, transform: { type: 'split_full_name', part: 'first' } },
  { names: /^(name|full_?name|display_?name)$/i, target: 'person.lastName', confidence: 0.7, transform: { type: 'split_full_name', part: 'last' } },
  { names: /^(first_?name|given_?name)$/i, target: 'person.firstName', confidence: 0.9 },
  { names: /^(last_?name|family_?name|surname)$/i, target: 'person.lastName', confidence: 0.9 },
  { names: /^(job_?title|title|position)$/i, target: 'person.jobTitle', confidence: 0.85 },
  { names: /^(time_?zone|tz)$/i, target: 'person.timeZone', confidence: 0.85 },
  { names: /^(department|dept)$/i, target: 'person.department', confidence: 0.85 },
  { names: /^(id|user_?id)$/i, target: 'saasUser.externalId', confidence: 0.9 },
  { names: /^(role|user_?role)$/i, target: 'saasUser.vendorRole', confidence: 0.85 },
  { names: /^type$/i, target: 'saasUser.type', confidence: 0.8 },
  { names: /^invitation_?sent$/i, target: 'saasUser.invitationSent', confidence: 0.9 },
  { names: /^(last_?sign_?in_?at|last_?login(_at)?|last_?activity(_at)?|last_?seen(_at)?)$/i, target: 'saasUser.lastActivityAt', confidence: 0.85, transform: { type: 'date' } },
  { names: /^licen[cs]e$/i, target: 'saasUser.license', confidence: 0.75 },
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

function sampleText(sample: unknown): string {
  return typeof sample === 'object' ? JSON.stringify(sample) : JSON.stringify(sample);
}

/**
 * Suggests a mapping for each target from field names and sample values, each with a
 * confidence and the reason. The admin accepts or changes them; nothing is applied here.
 */
export function suggestMappings(
  sources: { name: string; sample: unknown }[],
  fields: Map<string, TargetFieldView>,
): MappingSuggestion[] {
  const best = new Map<string, MappingSuggestion>();
  const offer = (s: MappingSuggestion): void => {
    const current = best.get(s.target);
    if (!current || current.confidence < s.confidence) best.set(s.target, s);
  };
  for (const { name, sample } of sources) {
    const looksLikeEmail = typeof sample === 'string' && isEmail(sample.trim());
    const looksLikeDate = typeof sample === 'string' && ISO_DATE.test(sample) && !Number.isNaN(Date.parse(sample));
    // Every target takes a scalar; an object (PagerDuty's licence `{id, name}`) is mapped through its text.
    const source = scalarPath(name, sample);
    for (const rule of NAME_RULES) {
      if (!rule.names.test(name) || !fields.has(rule.target) || source === null) continue;
      let confidence = rule.confidence;
      let reason = `field name "${name}" matches ${rule.target}`;
      if (rule.target === 'person.email' || rule.target === 'person.username') {
        if (looksLikeEmail) {
          confidence = Math.min(0.99, confidence + 0.08);
          reason += ` and sample ${sampleText(sample)} looks like an email`;
        } else if (sample !== undefined) {
          confidence -= 0.4;
          reason += `, but sample ${sampleText(sample)} does not look like an email`;
        }
      }
      if (rule.target === 'saasUser.lastActivityAt' && looksLikeDate) {
        confidence = Math.min(0.95, confidence + 0.05);
        reason += ` and sample ${sampleText(sample)} is a date`;
      }
      if (source !== name) reason += ` (its text, ${source})`;
      offer({ source, target: rule.target, transform: rule.transform ?? { type: 'copy' }, confidence: round(confidence), reason });
    }
    // Sample values alone: a value that looks like an email under any name → email.
    if (looksLikeEmail) {
      for (const target of ['person.email', 'person.username']) {
        offer({
          source: name,
          target,
          transform: { type: 'lower_case' },
          confidence: 0.75,
          reason: `sample ${sampleText(sample)} looks like an email`,
        });
      }
    }
    // A unique custom field whose name contains the source's name (e.g. "PagerDuty User ID" for `id`).
    for (const field of fields.values()) {
      if (field.entity !== 'custom' || !/^(id|user_?id)$/i.test(name)) continue;
      if (/\bid\b/i.test(field.label) && field.unique) {
        offer({
          source: name,
          target: field.target,
          transform: { type: 'copy' },
          confidence: 0.8,
          reason: `"${name}" is the vendor's user id and ${field.label} is a unique custom field for it`,
        });
      }
    }
  }
  if (fields.has('person.directoryRole')) {
    offer({
      source: null,
      target: 'person.directoryRole',
      transform: { type: 'constant', value: 'member' },
      confidence: 0.5,
      reason: 'no source field carries a directory role; every synced person becomes a member unless you choose otherwise',
    });
  }
  return [...best.values()].sort((a, b) => b.confidence - a.confidence || a.target.localeCompare(b.target));
}

/**
 * The path whose value a target can store: the field itself for a scalar, the object's `name` or
 * `summary` (PagerDuty references carry both) for an object, none for an object without either
 * or a list. A copied object would quarantine every record of the first run.
 */
function scalarPath(name: string, sample: unknown): string | null {
  if (sample === null || sample === undefined || typeof sample !== 'object') {
    // No sample to look at: a licence is the connector's `{id, name}` reference.
    return sample === undefined && /^licen[cs]e$/i.test(name) ? `${name}.name` : name;
  }
  if (Array.isArray(sample)) return null;
  for (const key of ['name', 'summary']) {
    if (typeof (sample as Record<string, unknown>)[key] === 'string') return `${name}.${key}`;
  }
  return null;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
