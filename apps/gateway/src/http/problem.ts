import { HttpException } from '@nestjs/common';

/** One offending field: a dotted path (`items.0.name`, `body`, `cursor`) and what is wrong with it. */
export interface FieldError {
  field: string;
  messages: string[];
}

/** An HTTP error with a stable problem code of our own, e.g. `IDEMPOTENCY_KEY_REUSED`. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    detail: string,
    readonly errors?: FieldError[],
  ) {
    super({ code, message: detail, ...(errors ? { errors } : {}) }, status);
  }
}

/** A 400 naming the fields: `throw fieldErrors([{ field: 'name', messages: ['name is taken'] }])`. */
export function fieldErrors(errors: FieldError[], detail = 'The request is invalid'): ProblemException {
  return new ProblemException(400, 'VALIDATION_FAILED', detail, errors);
}
