import {
  API_PRESETS,
  BEGIN_TRIGGERS,
  type WorkflowBlockDto,
  type WorkflowGraphDto,
  type WorkflowLinkBranch,
  type WorkflowProblem,
} from '@seatkeeper/contracts';
import { checkRule } from '@seatkeeper/rules';
import type { BeginSchedule } from '@seatkeeper/contracts';
import { scheduleProblems } from './begin-schedule';
import { Graph } from './graph';
import { SAAS_USER_RULE_FIELDS } from './saas-user-fields';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The branches each block type may have (End has none). */
const BRANCHES: Record<string, readonly WorkflowLinkBranch[]> = {
  begin: ['success'],
  role_retrieval: ['success', 'failure'],
  api: ['success', 'failure'],
  deactivate: ['success', 'failure'],
  condition: ['true', 'false'],
  notify: ['success', 'failure'],
  approval: ['success', 'failure'],
  end: [],
};

export interface GraphCheck {
  problems: WorkflowProblem[];
  /** Vault credentials the blocks name, to be looked up (blockId → credentialId). */
  credentials: { blockId: string; credentialId: string }[];
}

/**
 * Every structural and configuration problem of a graph, each naming its block and field:
 * exactly one Begin, unique ids, links between known blocks on branches the block has, every
 * block reachable from Begin, no cycle, every block configured, every rule valid.
 */
export function checkGraph(graph: WorkflowGraphDto): GraphCheck {
  const problems: WorkflowProblem[] = [];
  const credentials: GraphCheck['credentials'] = [];
  const add = (blockId: string | null, field: string, message: string): void => void problems.push({ blockId, field, message });

  const seen = new Set<string>();
  for (const b of graph.blocks) {
    if (seen.has(b.id)) add(b.id, `blocks.${b.id}.id`, `block id "${b.id}" is used twice`);
    seen.add(b.id);
  }
  const begins = graph.blocks.filter((b) => b.type === 'begin');
  if (begins.length !== 1) add(null, 'blocks', `a workflow has exactly one Begin block; this one has ${begins.length}`);

  const used = new Set<string>();
  graph.links.forEach((l, i) => {
    const from = graph.blocks.find((b) => b.id === l.from);
    if (!from) return add(null, `links[${i}].from`, `link ${i} starts at unknown block "${l.from}"`);
    if (!seen.has(l.to)) return add(l.from, `links[${i}].to`, `link ${i} from "${l.from}" leads to unknown block "${l.to}"`);
    if (!(BRANCHES[from.type] ?? []).includes(l.branch)) {
      return add(l.from, `links[${i}].branch`, `a ${from.type} block has no "${l.branch}" branch (it has: ${(BRANCHES[from.type] ?? []).join(', ') || 'none'})`);
    }
    const key = `${l.from}:${l.branch}`;
    if (used.has(key)) add(l.from, `links[${i}].branch`, `block "${l.from}" has two "${l.branch}" links`);
    used.add(key);
  });

  const g = new Graph(graph);
  const order = g.order();
  for (const b of graph.blocks) {
    if (!order.has(b.id)) add(b.id, `blocks.${b.id}`, `block "${b.id}" is on a cycle`);
  }
  const begin = begins[0];
  if (begin) {
    const reached = new Set<string>([begin.id]);
    const stack = [begin.id];
    while (stack.length) {
      for (const to of g.successors(stack.pop() as string)) {
        if (reached.has(to)) continue;
        reached.add(to);
        stack.push(to);
      }
    }
    for (const b of graph.blocks) if (!reached.has(b.id)) add(b.id, `blocks.${b.id}`, `block "${b.id}" cannot be reached from the Begin block`);
    if (!g.follow(begin.id, 'success')) add(begin.id, `blocks.${begin.id}`, 'the Begin block leads nowhere (add a success link)');
  }

  for (const b of graph.blocks) configProblems(b, add, credentials);
  return { problems, credentials };
}

function configProblems(b: WorkflowBlockDto, add: (blockId: string, field: string, message: string) => void, credentials: GraphCheck['credentials']): void {
  const c = b.config as Record<string, unknown>;
  const f = (name: string): string => `blocks.${b.id}.config.${name}`;
  const rule = (name: string, required: boolean): void => {
    if (c[name] === undefined) {
      if (required) add(b.id, f(name), `${b.type} block "${b.id}" needs a rule`);
      return;
    }
    const checked = checkRule(c[name], SAAS_USER_RULE_FIELDS);
    if (!checked.ok) for (const e of checked.errors) add(b.id, `${f(name)}${e.path ? `.${e.path}` : ''}`, e.message);
  };
  const credential = (): void => {
    if (typeof c['credentialId'] !== 'string' || !UUID.test(c['credentialId'])) add(b.id, f('credentialId'), `${b.type} block "${b.id}" needs a vault credential (credentialId)`);
    else credentials.push({ blockId: b.id, credentialId: c['credentialId'] });
  };
  switch (b.type) {
    case 'begin':
      if (!BEGIN_TRIGGERS.includes(c['trigger'] as never)) add(b.id, f('trigger'), `trigger must be one of ${BEGIN_TRIGGERS.join(', ')}`);
      if (c['trigger'] === 'schedule') for (const p of scheduleProblems(c['schedule'] as BeginSchedule | undefined)) add(b.id, f(p.field), p.message);
      if (c['scope'] !== undefined && c['scope'] !== 'active_records') add(b.id, f('scope'), 'scope must be active_records');
      rule('rule', false);
      break;
    case 'role_retrieval':
      if (c['vendor'] !== 'pagerduty') add(b.id, f('vendor'), 'vendor must be pagerduty');
      if (c['deactivateUser'] !== undefined && typeof c['deactivateUser'] !== 'boolean') add(b.id, f('deactivateUser'), 'deactivateUser must be true or false');
      credential();
      break;
    case 'api':
      if (!API_PRESETS.includes(c['preset'] as never)) add(b.id, f('preset'), `preset must be one of ${API_PRESETS.join(', ')}`);
      credential();
      break;
    case 'deactivate':
      if (c['reason'] !== undefined && (typeof c['reason'] !== 'string' || c['reason'].length > 400)) add(b.id, f('reason'), 'reason must be text of at most 400 characters');
      break;
    case 'condition':
      rule('rule', true);
      break;
    case 'notify':
      if (typeof c['url'] !== 'string' || !isHttpUrl(c['url'])) add(b.id, f('url'), 'url must be an http(s) URL');
      if (c['body'] !== undefined && (typeof c['body'] !== 'object' || c['body'] === null || Array.isArray(c['body']))) add(b.id, f('body'), 'body must be a JSON object');
      break;
    case 'approval': {
      const h = c['expiresInHours'];
      if (h !== undefined && (typeof h !== 'number' || !(h > 0) || h > 720)) add(b.id, f('expiresInHours'), 'expiresInHours must be a number from 0 to 720');
      break;
    }
    case 'end':
      break;
  }
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
