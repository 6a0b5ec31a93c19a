/**
 * The rule builder speaks the directory's SaaS-user fields (`saas-users?filter=`); the reporting
 * service's saas_users entity (views, reports) has the same rule language and field names but
 * one: the app's name is `app.name` there, `saasApp.name` in the directory.
 */
const TO_REPORTING: Record<string, string> = { 'saasApp.name': 'app.name' };

type Rule = Record<string, unknown>;

export function toReportingRule(rule: Rule): Rule {
  const out: Rule = {};
  for (const [k, v] of Object.entries(rule)) {
    if ((k === 'all' || k === 'any') && Array.isArray(v)) out[k] = v.map((r) => toReportingRule(r as Rule));
    else if (k === 'not' && v && typeof v === 'object') out[k] = toReportingRule(v as Rule);
    else if (k === 'field' && typeof v === 'string') out[k] = TO_REPORTING[v] ?? v;
    else out[k] = v;
  }
  return out;
}

/** Both rules (either may be absent): what a saved view plus the builder's narrowing select. */
export function bothRules(...rules: (Rule | null | undefined)[]): Rule | undefined {
  const present = rules.filter((r): r is Rule => Boolean(r));
  return present.length <= 1 ? present[0] : { all: present };
}
