import { RemoteRpcError } from '@seatkeeper/platform-messaging';
import { ProblemException, type FieldError } from '../http/problem';
import { publicFieldPath, withPublicFieldNames } from '../http/service-field-names';

/** The path ids of the contract are the route's `id`; a problem with the whole request is `body`. */
const WORKFLOW_RENAMES: Record<string, string> = { workflowId: 'id', runId: 'id', stepId: 'step_id', '(root)': 'body' };

/** A graph problem in the API's words: the field path and the block it is about (null: the graph as a whole). */
export interface GraphFieldError extends FieldError {
  block_id: string | null;
}

interface ServiceGraphProblem {
  field: string;
  messages: string[];
  blockId: string | null;
}

function isGraphProblemList(details: unknown): details is ServiceGraphProblem[] {
  return (
    Array.isArray(details) &&
    details.length > 0 &&
    details.every((d) => typeof d === 'object' && d !== null && typeof (d as ServiceGraphProblem).field === 'string' && 'blockId' in d)
  );
}

/**
 * `graph.blocks.delete-1.config.credentialId` → `graph.blocks.delete-1.config.credential_id`:
 * snake_case like every public field, but the block id (the user's own name) as written.
 */
export function publicGraphField(field: string): string {
  const m = /^graph\.blocks\.([^.]+)\.(.+)$/.exec(field);
  if (!m?.[1] || !m[2]) return publicFieldPath(field);
  return `graph.blocks.${m[1]}.${publicFieldPath(m[2])}`;
}

export function toGraphErrors(problems: ServiceGraphProblem[]): GraphFieldError[] {
  return problems.map((p) => ({ field: publicGraphField(p.field), messages: p.messages.map(String), block_id: p.blockId }));
}

/**
 * Re-throws the workflow service's errors in the API's words:
 * - a graph the service finds wrong (VALIDATION_FAILED whose details name a block) → 422
 *   `WORKFLOW_GRAPH_INVALID`, `errors[{field, messages, block_id}]` — the request was well-formed,
 *   the workflow it describes is not (unlinked block, bad schedule, unknown credential …);
 * - any other VALIDATION_FAILED → 400 naming the public fields;
 * - everything else (NOT_FOUND, CONFLICT, WORKFLOW_NOT_ACTIVE …) passes to the problem filter.
 */
export async function fromWorkflowService<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (e) {
    if (e instanceof RemoteRpcError && e.code === 'VALIDATION_FAILED' && isGraphProblemList(e.details)) {
      throw new ProblemException(422, 'WORKFLOW_GRAPH_INVALID', e.message, toGraphErrors(e.details));
    }
    return withPublicFieldNames(Promise.reject<T>(e), WORKFLOW_RENAMES);
  }
}
