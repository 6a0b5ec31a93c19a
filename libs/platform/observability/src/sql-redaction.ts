/** A statement as the database driver reports it in an error: `insert into … values ('CTO…') - invalid byte…`. */
const SQL_STATEMENT = /\b(select|insert|update|delete|with|merge)\b/i;
const QUOTED_LITERAL = /'(?:[^']|'')*'/g;
const DOLLAR_QUOTED = /\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g;

/**
 * The driver puts the failing statement, parameters inlined, into its error message; logged as it is,
 * a person's data (or a value that is not even valid text, like a NUL byte) lands in the service log.
 * Statements are logged without their values: every quoted literal becomes `?`.
 */
export function redactSqlValues(message: string): string {
  if (!SQL_STATEMENT.test(message)) return message;
  return message.replace(DOLLAR_QUOTED, '?').replace(QUOTED_LITERAL, '?');
}

/** pino serializer for `err`: a string or an Error, with SQL values redacted from the message and stack. */
export function errSerializer(err: unknown): unknown {
  if (typeof err === 'string') return redactSqlValues(err);
  if (err instanceof Error) {
    return { type: err.name, message: redactSqlValues(err.message), ...(err.stack ? { stack: redactSqlValues(err.stack) } : {}) };
  }
  return err;
}
