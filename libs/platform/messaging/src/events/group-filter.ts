/**
 * The one filter subject (nats-server 2.9 takes one) a consumer group reads, from the logical
 * subjects of its handlers: the subject itself for one handler; for several, their common leading
 * tokens and `>` when at least context and entity are shared (`directory.saas-user.>` for
 * `directory.saas-user.created.v1` and `…deactivated.v1`); otherwise none — the whole stream.
 *
 * Why a family is safe for per-entity order: an entity key names one entity of one family
 * (`saas-user:<id>` only ever travels on `directory.saas-user.*`), so every event of an entity the
 * group sees is in the filter and its cursor sees no gaps. Without this, a group with two handlers
 * read the whole stream: workflow's two SaaS-user triggers admitted every person event of a sync.
 */
export function groupFilterSubject(subjects: readonly string[]): string | undefined {
  if (subjects.length === 0) return undefined;
  if (subjects.length === 1) return subjects[0];
  const split = subjects.map((s) => s.split('.'));
  const first = split[0] as string[];
  let common = 0;
  while (common < first.length - 1 && split.every((tokens) => common < tokens.length - 1 && tokens[common] === first[common])) common++;
  return common >= 2 ? `${first.slice(0, common).join('.')}.>` : undefined;
}
