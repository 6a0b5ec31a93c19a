// PagerDuty's error envelope is always {"error":{"message","code","errors"?}}; codes from the
// developer docs' error table. Handlers throw ApiError and the server renders it.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: string[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  body(): { error: { message: string; code: number; errors?: string[] } } {
    return { error: { message: this.message, code: this.code, ...(this.errors ? { errors: this.errors } : {}) } };
  }
}

export const OFFSET_CAP_MESSAGE =
  'Offset+limit exceeds maximum allowed value of 10000. Please try to refine your search to reduce the returned set of records below this number, like adding a date range.';

export const Errors = {
  authentication: () => new ApiError(401, 2006, 'Authentication failed'),
  forbidden: (detail: string) => new ApiError(403, 2010, 'Access Denied', [detail]),
  notFound: () => new ApiError(404, 2100, 'Not Found'),
  invalidInput: (...errors: string[]) => new ApiError(400, 2001, 'Invalid Input Provided', errors),
  argumentsError: (...errors: string[]) => new ApiError(400, 2002, 'Arguments Caused Error', errors),
  missingArguments: (...errors: string[]) => new ApiError(400, 2003, 'Missing Arguments', errors),
  rateLimited: (headers?: Record<string, string>) => new ApiError(429, 2020, 'Rate Limit Exceeded', undefined, headers),
  internal: () => new ApiError(500, 2000, 'An internal error has occurred. PagerDuty team has been notified.'),
};
