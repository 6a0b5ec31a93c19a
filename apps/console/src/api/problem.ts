/** A field an RFC 9457 problem names, as the gateway sends it (`field` is a dotted path). */
export interface FieldError {
  field: string;
  messages: string[];
}

/** The gateway's problem+json body (apps/gateway/README.md, "Errors"). */
export interface ProblemBody {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  request_id?: string;
  service?: string;
  errors?: FieldError[];
}

/** An answer that was not 2xx: the problem, so a form can show each message beside its field. */
export class ApiError extends Error {
  constructor(readonly problem: ProblemBody) {
    super(problem.detail ?? problem.title ?? problem.code);
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }

  /** Messages for `field` and for its children (`schedule` also collects `schedule.time_of_day`). */
  messagesFor(field: string): string[] {
    return (this.problem.errors ?? [])
      .filter((e) => e.field === field || e.field.startsWith(`${field}.`))
      .flatMap((e) => e.messages);
  }

  /** Messages for fields no form control claims, so none is silently lost. */
  unclaimed(claimed: readonly string[]): FieldError[] {
    return (this.problem.errors ?? []).filter((e) => !claimed.some((c) => e.field === c || e.field.startsWith(`${c}.`)));
  }
}

export async function problemFrom(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as Partial<ProblemBody>;
    if (typeof body.code === 'string') return new ApiError({ ...body, status: res.status, code: body.code });
  } catch {
    // not JSON: a proxy or a crash page
  }
  return new ApiError({ status: res.status, code: 'HTTP_' + res.status, detail: text.slice(0, 200) || res.statusText });
}
