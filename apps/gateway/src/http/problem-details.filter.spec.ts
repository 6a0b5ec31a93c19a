import { BadRequestException, NotFoundException } from '@nestjs/common';
import { RemoteRpcError, ServiceTimeoutError, ServiceUnavailableError } from '@seatkeeper/platform-messaging';
import { statusOfRpcCode, toProblem } from './problem-details.filter';
import { fieldErrors, ProblemException } from './problem';

describe('problem details', () => {
  it('maps unreachable services to 503 naming the service', () => {
    expect(toProblem(new ServiceUnavailableError('mapping', 'x.y'))).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', service: 'mapping' });
    expect(toProblem(new ServiceTimeoutError('vault', 'x.y', 10))).toMatchObject({ status: 503, code: 'SERVICE_TIMEOUT', service: 'vault' });
  });

  it('maps service error codes by convention and hides internal ones', () => {
    expect(statusOfRpcCode('CREDENTIAL_NOT_FOUND')).toBe(404);
    expect(statusOfRpcCode('MAPPING_CONFLICT')).toBe(409);
    expect(statusOfRpcCode('PERSON_ALREADY_EXISTS')).toBe(409);
    expect(statusOfRpcCode('CRON_INVALID')).toBe(400);
    expect(statusOfRpcCode('SOMETHING_ELSE')).toBe(422);
    const internal = toProblem(new RemoteRpcError('mapping', { code: 'INTERNAL', message: 'db password is hunter2' }));
    expect(internal).toMatchObject({ status: 502, code: 'UPSTREAM_ERROR', service: 'mapping' });
    expect(JSON.stringify(internal)).not.toContain('hunter2');
  });

  it('keeps field errors and own codes of HTTP exceptions, and hides unknown errors', () => {
    expect(toProblem(fieldErrors([{ field: 'name', messages: ['bad'] }]))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'name' }] });
    expect(toProblem(new BadRequestException([{ field: 'cursor', messages: ['bad'] }]))).toMatchObject({ errors: [{ field: 'cursor' }] });
    expect(toProblem(new ProblemException(422, 'IDEMPOTENCY_KEY_REUSED', 'x'))).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(toProblem(new NotFoundException('no'))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(toProblem(new Error('secret internals'))).toEqual(expect.objectContaining({ status: 500, code: 'INTERNAL', detail: 'Internal error' }));
  });
});
