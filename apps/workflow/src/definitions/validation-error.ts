import { RpcErrorCode, type WorkflowProblem } from '@seatkeeper/contracts';
import { RpcException } from '@seatkeeper/platform-messaging';

/** VALIDATION_FAILED whose details name each problem's field (prefixed with `graph.`) and block. */
export function graphInvalid(problems: WorkflowProblem[], message = 'The workflow graph is not valid'): RpcException {
  return new RpcException(
    RpcErrorCode.ValidationFailed,
    `${message}: ${problems.map((p) => (p.blockId ? `${p.blockId}: ${p.message}` : p.message)).join('; ')}`.slice(0, 2000),
    problems.map((p) => ({ field: `graph.${p.field}`, messages: [p.message], blockId: p.blockId })),
  );
}
