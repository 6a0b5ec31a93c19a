import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { fieldErrors, type FieldError } from './problem';

/** Flattens class-validator's tree into `{ field: 'a.b.0.c', messages }`, one entry per offending field. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) out.push({ field, messages: Object.values(e.constraints) });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** The one validation pipe: unknown fields are errors, values are converted to the DTO types. */
export function gatewayValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Error messages name the field and the rule, never echo the value (it may be a secret).
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => fieldErrors(flattenValidationErrors(errors)),
  });
}
