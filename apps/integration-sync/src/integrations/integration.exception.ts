import { RpcErrorCode } from '@seatkeeper/contracts';
import { RpcException } from '@seatkeeper/platform-messaging';

/** Stable codes of the integrations feature; the gateway maps them to HTTP statuses. */
export const IntegrationErrorCode = {
  ...RpcErrorCode,
  /** Launch refused: the mapping lacks what `details.missing` lists. */
  NotReady: 'INTEGRATION_NOT_READY',
  /** Run now on a draft or paused integration. */
  NotActive: 'INTEGRATION_NOT_ACTIVE',
} as const;

export function validationFailed(problems: string[]): RpcException {
  return new RpcException(RpcErrorCode.ValidationFailed, problems.join('; '), problems.map((message) => ({ message })));
}

export function integrationNotFound(id: string): RpcException {
  return new RpcException(RpcErrorCode.NotFound, `Integration ${id} does not exist`);
}
