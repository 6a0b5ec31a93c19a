import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { RpcErrorCode } from '@seatkeeper/contracts';
import { RpcException } from '@seatkeeper/platform-messaging';
import type { Request, Response } from 'express';

/** RFC 9457 problem details, with a stable `code` and the request id, for every error the gateway returns. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: unknown;
}

const STATUS_BY_RPC_CODE: Record<string, number> = {
  [RpcErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [RpcErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [RpcErrorCode.Conflict]: HttpStatus.CONFLICT,
  [RpcErrorCode.Unavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [RpcErrorCode.Timeout]: HttpStatus.SERVICE_UNAVAILABLE,
};

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: string }>();
    const res = http.getResponse<Response>();
    const problem = toProblem(exception);
    problem.instance = req.originalUrl;
    problem.requestId = typeof req.id === 'string' ? req.id : undefined;
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}

function toProblem(exception: unknown): ProblemDetails {
  if (exception instanceof RpcException) {
    const status = STATUS_BY_RPC_CODE[exception.code] ?? HttpStatus.UNPROCESSABLE_ENTITY;
    return problem(status, exception.code, exception.message, exception.details);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const messages = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : body;
    if (status === HttpStatus.BAD_REQUEST && Array.isArray(messages)) {
      return problem(status, 'VALIDATION_FAILED', 'The request is invalid', messages);
    }
    const code = HttpStatus[status] ?? 'HTTP_ERROR';
    return problem(status, code, typeof messages === 'string' ? messages : exception.message);
  }
  // Anything else is our fault; its message may hold internals, so it is not shown.
  return problem(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL', 'Internal error');
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
