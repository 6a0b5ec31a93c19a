import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { Secret } from './secret.decorator';

// Shared bases, one per concern; a service's env class composes the ones it needs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Constructor<T = object> = new (...args: any[]) => T;

export class BaseEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}

export function WithDatabase<B extends Constructor>(Base: B) {
  class DatabaseEnv extends Base {
    /** postgresql://user[:password]@host:port/database */
    @Secret()
    @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'DATABASE_URL must be a postgresql:// URL' })
    DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/seatkeeper';

    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(100)
    DATABASE_POOL_MAX = 10;
  }
  return DatabaseEnv;
}

export function WithNats<B extends Constructor>(Base: B) {
  class NatsEnv extends Base {
    /** Comma-separated NATS servers. */
    @Matches(/^(nats|tls|ws|wss):\/\/[^\s,]+(,(nats|tls|ws|wss):\/\/[^\s,]+)*$/, {
      message: 'NATS_URL must be one or more nats:// URLs separated by commas',
    })
    NATS_URL = 'nats://127.0.0.1:4222';

    @IsOptional()
    @IsString()
    NATS_USER?: string;

    @Secret()
    @IsOptional()
    @IsString()
    NATS_PASSWORD?: string;

    /**
     * Prefix for every subject, stream and durable consumer name. Empty in production; tests
     * and side-by-side stacks set it so they never share a stream.
     */
    @Matches(/^([a-z0-9_-]+\.)?$/, { message: 'NATS_SUBJECT_PREFIX must be empty or one lower-case token ending in "."' })
    NATS_SUBJECT_PREFIX = '';

    @Type(() => Number)
    @IsInt()
    @Min(100)
    @Max(120_000)
    NATS_REQUEST_TIMEOUT_MS = 5000;

    /**
     * Lanes per event consumer: entities applied side by side in their own transactions. What a
     * consumer holds in memory while it is behind is about lanes × two batches (each up to 500
     * events / 1 MB). 4, not the messaging lib's 16: on two cores a 50,000-user first sync took
     * 50.4 s instead of 55.5 s with less CPU in every consumer and in Postgres (docs/benchmarks.md).
     */
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(64)
    EVENT_CONSUMER_CONCURRENCY = 4;
  }
  return NatsEnv;
}

export function WithInternalHttp<B extends Constructor>(Base: B) {
  class InternalHttpEnv extends Base {
    /** Port of the internal server with /health and /metrics (not public). */
    @Type(() => Number)
    @IsInt()
    @Min(0)
    @Max(65535)
    INTERNAL_PORT = 9100;
  }
  return InternalHttpEnv;
}

export function WithPublicHttp<B extends Constructor>(Base: B) {
  class PublicHttpEnv extends Base {
    @Type(() => Number)
    @IsInt()
    @Min(0)
    @Max(65535)
    HTTP_PORT = 3000;

    @IsOptional()
    @IsString()
    @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
    CORS_ORIGINS?: string;
  }
  return PublicHttpEnv;
}

/** What every Seatkeeper service needs: Postgres, NATS, the internal HTTP port, logging. */
export class ServiceEnv extends WithInternalHttp(WithNats(WithDatabase(BaseEnv))) {}
