import pino, { type Logger, type LoggerOptions } from 'pino';
import { Correlation } from './correlation';
import { REDACTED_PATHS } from './redaction';
import { errSerializer } from './sql-redaction';

/** pino options every service shares: JSON lines, secrets redacted, correlation id on each line. */
export function loggerOptions(service: string, level: string): LoggerOptions {
  return {
    level,
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Failed statements are logged without their values (the driver inlines them into the message).
    serializers: { err: errSerializer },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const scope = Correlation.current();
      return scope ? { correlationId: scope.correlationId } : {};
    },
  };
}

export function createLogger(service: string, level: string): Logger {
  return pino(loggerOptions(service, level));
}
