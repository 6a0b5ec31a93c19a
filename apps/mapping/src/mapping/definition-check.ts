import { DIRECTORY_ROLES, type MappingCheckResult, type TargetFieldView } from '@seatkeeper/contracts';
import { checkRule } from '@seatkeeper/rules';
import type { MappingDefinition } from './mapping-definition';
import { sourceFieldCatalog } from './source-fields';

/** Everything wrong with a definition's mappings, one sentence per problem (not only the first). */
export function mappingProblems(
  definition: Pick<MappingDefinition, 'mappings' | 'syncKeys' | 'filter' | 'recordType' | 'vendor' | 'sourceSamples'>,
  fields: Map<string, TargetFieldView>,
): string[] {
  const problems: string[] = [];
  const byTarget = new Map(definition.mappings.map((m) => [m.target, m]));
  const seen = new Set<string>();
  for (const m of definition.mappings) {
    if (seen.has(m.target)) problems.push(`${m.target} is mapped twice`);
    seen.add(m.target);
    if (!fields.has(m.target)) problems.push(`${m.target} is not a target field`);
    const t = m.transform;
    if (!['constant', 'template'].includes(t.type) && !m.source) problems.push(`${m.target}: ${t.type} needs a source field`);
    if (t.type === 'constant' && (t.value === undefined || t.value === null)) problems.push(`${m.target}: constant needs a value`);
    if (t.type === 'template' && !t.template) problems.push(`${m.target}: template needs a template`);
    if (t.type === 'value_map' && !t.map) problems.push(`${m.target}: value map needs a map`);
    if (t.type === 'split_full_name' && !t.part) problems.push(`${m.target}: split full name needs part "first" or "last"`);
  }
  const email = byTarget.get('person.email');
  if (!email) problems.push('Map the email field to person.email');
  const username = byTarget.get('person.username');
  if (!username) problems.push('Map the email field to person.username');
  else if (email && username.source !== email.source) {
    problems.push(`person.username must be mapped from the email field (${email.source ?? 'unset'}), not ${username.source ?? 'unset'}`);
  }
  const role = byTarget.get('person.directoryRole');
  if (!role) problems.push(`Choose a directory role for person.directoryRole (${DIRECTORY_ROLES.join(', ')})`);
  else if (role.transform.type === 'constant' && !DIRECTORY_ROLES.includes(role.transform.value as never)) {
    problems.push(`person.directoryRole: "${String(role.transform.value)}" is not one of ${DIRECTORY_ROLES.join(', ')}`);
  }
  if (definition.syncKeys.length === 0) problems.push('Choose at least one sync key (a unique target field, e.g. person.email)');
  if (new Set(definition.syncKeys).size !== definition.syncKeys.length) problems.push('A sync key is listed twice');
  for (const key of definition.syncKeys) {
    const field = fields.get(key);
    if (!field) problems.push(`Sync key ${key} is not a target field`);
    else if (!field.unique) problems.push(`Sync key ${key} is not a unique field; only unique fields may be sync keys`);
    else if (!byTarget.has(key)) problems.push(`Sync key ${key} is not mapped`);
  }
  if (definition.recordType === 'user_and_saas_user' && !byTarget.has('saasUser.externalId')) {
    problems.push("Map the vendor's user id to saasUser.externalId (needed to sync SaaS users)");
  }
  if (definition.filter) {
    const checked = checkRule(definition.filter, sourceFieldCatalog(definition.vendor, definition.sourceSamples));
    if (!checked.ok) problems.push(...checked.errors.map((e) => `filter${e.path ? `.${e.path}` : ''}: ${e.message}`));
  }
  return problems;
}

export function checkDefinition(
  definition: MappingDefinition | null,
  fields: Map<string, TargetFieldView>,
): MappingCheckResult {
  if (!definition) return { ok: false, missing: ['No mapping definition exists for this integration'] };
  const missing = mappingProblems(definition, fields);
  return { ok: missing.length === 0, missing };
}
