import { Type } from 'class-transformer';
import { OpaqueJson } from './opaque-json';
import {
  IsISO8601,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** Subjects are `<context>.<entity>.<event>.v<N>`, e.g. `directory.saas-user.deactivated.v1`. */
export const EVENT_SUBJECT_PATTERN = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

/**
 * Every event on the bus travels in this envelope. `id` (a UUIDv7) is also the
 * `Nats-Msg-Id`, so JetStream drops a duplicate publish and consumers drop a duplicate delivery.
 */
export interface EventEnvelope<TData = unknown, TType extends string = string> {
  /** UUIDv7 of this event; unique, time-ordered. */
  id: string;
  /** The event's subject, e.g. `sync.batch.fetched.v1`. */
  type: TType;
  /** When the fact happened (ISO-8601, UTC). */
  occurredAt: string;
  /** The service that published it, e.g. `integration-sync`. */
  source: string;
  /** Carried from the request or event that started the chain. */
  correlationId: string;
  /** The id of the event or request that directly caused this one, if any. */
  causationId: string | null;
  /**
   * The entity the event is about (e.g. `saas-user:<uuid>`). Events with the same key are
   * applied by every consumer in the order of `entitySeq`.
   */
  entityKey?: string | null;
  /** 1, 2, 3… per `entityKey`, assigned by the producer in the same transaction as the change. */
  entitySeq?: number | null;
  data: TData;
}

/** The envelope's own fields, validated before a payload class looks at `data`. */
export class EventEnvelopeHeaderDto {
  @IsUUID()
  id!: string;

  @Matches(EVENT_SUBJECT_PATTERN)
  type!: string;

  @IsISO8601({ strict: true })
  occurredAt!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  source!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  correlationId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  causationId!: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  entityKey?: string | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Type(() => Number)
  entitySeq?: number | null;

  /** Checked here only for being an object; the payload's own class validates it. */
  @IsObject()
  @OpaqueJson()
  data!: Record<string, unknown>;
}

/** Marker so that nested payload objects validate too. */
export { ValidateNested, Type };
