import { RpcErrorCode, type RpcErrorBody } from '@seatkeeper/contracts';

/**
 * A typed error that crosses the bus. Services throw subclasses with their own codes
 * (`CREDENTIAL_NOT_FOUND`); callers receive it as the same class with the same code.
 */
export class RpcException extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'RpcException';
  }

  toBody(): RpcErrorBody {
    return { code: this.code, message: this.message, ...(this.details !== undefined ? { details: this.details } : {}) };
  }
}

/** What a caller gets back when the service answered with an error. */
export class RemoteRpcError extends RpcException {
  constructor(
    readonly service: string,
    body: RpcErrorBody,
  ) {
    super(body.code, body.message, body.details);
    this.name = 'RemoteRpcError';
  }
}

/** No instance of the service is subscribed (NATS "no responders"): fail at once, never hang. */
export class ServiceUnavailableError extends RpcException {
  constructor(readonly service: string, subject: string) {
    super(RpcErrorCode.Unavailable, `The ${service} service is unavailable (no responder on ${subject})`, { service });
    this.name = 'ServiceUnavailableError';
  }
}

/** The service did not answer within the timeout. */
export class ServiceTimeoutError extends RpcException {
  constructor(readonly service: string, subject: string, timeoutMs: number) {
    super(RpcErrorCode.Timeout, `The ${service} service did not answer ${subject} within ${timeoutMs} ms`, {
      service,
      timeoutMs,
    });
    this.name = 'ServiceTimeoutError';
  }
}
