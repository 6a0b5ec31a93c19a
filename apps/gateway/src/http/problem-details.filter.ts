import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { RpcErrorCode } from '@seatkeeper/contracts';
import { RemoteRpcError, RpcException, ServiceTimeoutError, ServiceUnavailableError } from '@seatkeeper/platform-messaging';
import type { Request, Response } from 'express';
import type { FieldError } from './problem';

/** RFC 9457 problem details, with a stable `code` and the request id, for every error the gateway returns. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  request_id?: string;
  /** The offending fields, for 400s. */
  errors?: unknown;
  /** The backend service that failed, for 502/503. */
  service?: string;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
};

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly log = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: unknown }>();
    const res = http.getResponse<Response>();
    const problem = toProblem(exception);
    if (problem.status >= 500 && problem.code === 'INTERNAL') {
      this.log.error({ err: exception instanceof Error ? exception.stack : String(exception) }, 'unhandled error');
    }
    problem.instance = req.originalUrl?.split('?')[0];
    problem.request_id = typeof req.id === 'string' ? req.id : undefined;
    if (res.headersSent) return;
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}

/** The status and code the gateway answers for an exception (also used by the audit log and idempotency). */
export function toProblem(exception: unknown): ProblemDetails {
  if (exception instanceof ServiceUnavailableError || exception instanceof ServiceTimeoutError) {
    return { ...problem(HttpStatus.SERVICE_UNAVAILABLE, exception.code, exception.message), service: exception.service };
  }
  if (exception instanceof RemoteRpcError && exception.code === RpcErrorCode.Internal) {
    // The service's message may hold internals: name the service, not its stack.
    return { ...problem(HttpStatus.BAD_GATEWAY, 'UPSTREAM_ERROR', `The ${exception.service} service failed`), service: exception.service };
  }
  if (exception instanceof RpcException) {
    const status = statusOfRpcCode(exception.code);
    return problem(status, exception.code, exception.message, exception.details);
  }
  if (exception instanceof HttpException) return fromHttpException(exception);
  // Anything else is our fault; its message may hold internals, so it is not shown.
  return problem(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL', 'Internal error');
}

/** A service's error code → HTTP status, by the conventions in the README. */
export function statusOfRpcCode(code: string): number {
  if (code === RpcErrorCode.ValidationFailed || code.endsWith('_INVALID')) return HttpStatus.BAD_REQUEST;
  if (code === RpcErrorCode.NotFound || code.endsWith('_NOT_FOUND')) return HttpStatus.NOT_FOUND;
  if (code === RpcErrorCode.Conflict || code.endsWith('_CONFLICT') || code.endsWith('_ALREADY_EXISTS')) return HttpStatus.CONFLICT;
  if (code === RpcErrorCode.Unavailable || code === RpcErrorCode.Timeout) return HttpStatus.SERVICE_UNAVAILABLE;
  return HttpStatus.UNPROCESSABLE_ENTITY;
}

function fromHttpException(exception: HttpException): ProblemDetails {
  const status = exception.getStatus();
  const body = exception.getResponse();
  const fields = typeof body === 'object' && body !== null ? (body as { code?: unknown; message?: unknown; errors?: unknown }) : {};
  const message = typeof body === 'string' ? body : fields.message;
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  if (Array.isArray(fields.errors)) {
    return problem(status, code ?? 'VALIDATION_FAILED', typeof message === 'string' ? message : 'The request is invalid', fields.errors);
  }
  if (Array.isArray(message)) {
    // `new BadRequestException([{ field, messages }])` or class-validator's plain strings.
    const errors = message.every(isFieldError) ? message : message.map((m) => ({ field: 'body', messages: [String(m)] }));
    return problem(status, code ?? 'VALIDATION_FAILED', 'The request is invalid', errors);
  }
  return problem(status, code ?? CODE_BY_STATUS[status] ?? HttpStatus[status] ?? 'HTTP_ERROR', typeof message === 'string' ? message : exception.message);
}

function isFieldError(value: unknown): value is FieldError {
  return typeof value === 'object' && value !== null && typeof (value as FieldError).field === 'string' && Array.isArray((value as FieldError).messages);
}

function problem(status: number, code: string, detail: string, errors?: unknown): ProblemDetails {
  return {
    type: `https://seatkeeper.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase()) ?? 'Error',
    status,
    code,
    detail,
    ...(errors !== undefined ? { errors } : {}),
  };
}
