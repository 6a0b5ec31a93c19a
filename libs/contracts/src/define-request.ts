export type DtoClass<T extends object = object> = new () => T;

/**
 * A request-reply subject between services (queries and commands), e.g.
 * `vault.credentials.resolve`. The first token names the service that answers it.
 */
export interface RequestDefinition<S extends string = string, Req extends object = object, Res = unknown> {
  readonly kind: 'request';
  readonly subject: S;
  /** The service that answers, used in "unavailable" errors. */
  readonly service: string;
  readonly request: DtoClass<Req>;
  /** Phantom field carrying the reply type. */
  readonly response?: Res;
}

export type RequestOf<D> = D extends RequestDefinition<string, infer Q, unknown> ? Q : never;
export type ResponseOf<D> = D extends RequestDefinition<string, object, infer R> ? R : never;

const REQUEST_SUBJECT_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

export function defineRequest<Res, const S extends string = string, Req extends object = object>(
  subject: S,
  request: DtoClass<Req>,
  service: string,
): RequestDefinition<S, Req, Res> {
  if (!REQUEST_SUBJECT_PATTERN.test(subject) || /\.v[0-9]+$/.test(subject)) {
    // Event subjects end in .vN and live in streams; a request on such a subject would be
    // captured by JetStream and answered with a PubAck instead of by the service.
    throw new Error(`Request subject "${subject}" must be dotted lower-case words and not end in .vN`);
  }
  return { kind: 'request', subject, service, request };
}
