import type { WorkflowGraphDto } from '@seatkeeper/contracts';
import { camelKey, snakeKey } from '../http/public-names';
import type { WorkflowGraphBodyDto } from './workflows.dto';

/**
 * Deliberate difference from the rest of the API: a graph is renamed only where the workflow defines
 * the keys — a block config's own keys and its schedule's (by the one rule of ../http/public-names).
 * Everything else in a config is the user's data, passed through untouched: a `rule` (libs/rules)
 * names fields in the service's spelling, and a Notify `body` is the user's JSON, sent as written.
 */
function renameConfig(obj: Record<string, unknown>, rename: (k: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const isObject = typeof v === 'object' && v !== null && !Array.isArray(v);
    out[rename(k)] = k === 'schedule' && isObject ? renameConfig(v as Record<string, unknown>, rename) : v;
  }
  return out;
}

export function toGraphRequest(g: WorkflowGraphBodyDto): WorkflowGraphDto {
  return {
    blocks: g.blocks.map((b) => ({ id: b.id, type: b.type, ...(b.name !== undefined ? { name: b.name } : {}), config: renameConfig(b.config, camelKey) })),
    links: g.links.map((l) => ({ from: l.from, to: l.to, branch: l.branch })),
  };
}

export function toGraphDto(g: WorkflowGraphDto): WorkflowGraphBodyDto {
  return {
    blocks: g.blocks.map((b) => ({ id: b.id, type: b.type, ...(b.name !== undefined ? { name: b.name } : {}), config: renameConfig(b.config, snakeKey) })),
    links: g.links.map((l) => ({ from: l.from, to: l.to, branch: l.branch })),
  };
}
