import { MikroORM } from '@mikro-orm/postgresql';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { systemPing, type EventDefinition, type RequestDefinition, type ServiceName } from '@seatkeeper/contracts';
import { HealthRegistry, MetricsRegistry } from '@seatkeeper/platform-observability';
import { PinoLogger } from 'nestjs-pino';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { DeadLetterStore } from './events/dead-letter.store';
import { groupFilterSubject } from './events/group-filter';
import { EventConsumer, type ConsumerGroupSpec, type EventHandlerFn, type EventsHandlerFn } from './events/event-consumer';
import { ON_EVENT, type OnEventMetadata } from './events/on-event.decorator';
import { OutboxRelay } from './events/outbox.relay';
import { OutboxWriter } from './events/outbox.writer';
import {
  DEFAULT_CONSUMER_OPTIONS,
  DEFAULT_RELAY_OPTIONS,
  MESSAGING_OPTIONS,
  type MessagingOptions,
} from './messaging.options';
import { NatsConnectionHolder } from './nats-connection';
import { Naming } from './naming';
import { ON_REQUEST } from './rpc/on-request.decorator';
import { RpcServer, type RequestHandlerFn } from './rpc/rpc.server';
import { ensureStreams } from './stream-topology';

const startedAt = Date.now();
export const INSTANCE_ID = randomBytes(4).toString('hex');

/**
 * Wires the bus into a service's lifecycle: connect and set up streams at init, start request
 * handlers, consumers and the relay once every module is ready, and on shutdown stop taking
 * work, finish what is in flight, then drain NATS (the ORM closes after that).
 */
@Injectable()
export class MessagingRuntime
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private rpc?: RpcServer;
  private relay?: OutboxRelay;
  private consumers: EventConsumer[] = [];
  private readonly logger: Logger;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly nats: NatsConnectionHolder,
    private readonly naming: Naming,
    private readonly orm: MikroORM,
    private readonly deadLetters: DeadLetterStore,
    private readonly outbox: OutboxWriter,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly health: HealthRegistry,
    private readonly metrics: MetricsRegistry,
    pino: PinoLogger,
  ) {
    this.logger = pino.logger.child({ component: 'messaging' });
  }

  async onModuleInit(): Promise<void> {
    await this.nats.connect(this.options, INSTANCE_ID);
    const streams = (this.options.streams ?? []).map((s) => ({
      name: this.naming.stream(s.name),
      subjects: s.subjects.map((subject) => this.naming.subject(subject)),
    }));
    await ensureStreams(this.nats.jsm, streams);
    this.health.register('nats', async () => {
      if (!this.nats.isConnected()) return { status: 'down', detail: 'not connected' };
      await this.nats.nc.flush();
      return { status: 'up' };
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const { events, requests } = this.discoverHandlers();
    this.rpc = new RpcServer(this.nats, this.naming, this.naming.queue(this.options.service), this.logger);
    this.rpc.register(systemPing(this.options.service as ServiceName), async (req) => ({
      service: this.options.service,
      instanceId: INSTANCE_ID,
      version: process.env['SEATKEEPER_VERSION'] ?? '0.0.0',
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      ...((req as { echo?: string }).echo !== undefined ? { echo: (req as { echo?: string }).echo } : {}),
    }));
    for (const { definition, handle } of requests) this.rpc.register(definition, handle);
    await this.startConsumers(events);
    if (this.options.runRelay !== false) {
      this.relay = new OutboxRelay(
        this.orm,
        () => this.nats.nc,
        this.naming,
        { ...DEFAULT_RELAY_OPTIONS, ...this.options.relay },
        this.logger,
        this.metrics.counter('outbox_published_total', 'Events published from the outbox'),
      );
      this.relay.start();
      // A commit that wrote outbox rows is published now, not at the relay's next poll.
      this.orm.em.getEventManager().registerSubscriber({
        afterTransactionCommit: ({ transaction }) => {
          if (transaction && this.outbox.wroteIn(transaction)) this.relay?.nudge();
        },
      });
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.rpc?.stop();
    await Promise.allSettled(this.consumers.map((c) => c.stop()));
    await this.relay?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.nats.drain();
  }

  /** Publish committed outbox rows now rather than at the next poll. */
  nudgeRelay(): void {
    this.relay?.nudge();
  }

  private async startConsumers(
    events: { definition: EventDefinition; group?: string; handle: EventHandlerFn; handleMany?: EventsHandlerFn }[],
  ): Promise<void> {
    const groups = new Map<string, ConsumerGroupSpec>();
    for (const { definition, group, handle, handleMany } of events) {
      const stream = this.naming.streamOf(definition);
      const groupName = group ?? stream;
      const durable = this.naming.durable(this.options.service, groupName);
      const spec = groups.get(durable) ?? { durable, stream, handlers: new Map() };
      if (spec.stream !== stream) throw new Error(`Consumer group ${groupName} spans two streams`);
      if (spec.handlers.has(definition.subject)) throw new Error(`Two handlers for ${definition.subject} in ${groupName}`);
      spec.handlers.set(definition.subject, { definition, handle, handleMany });
      groups.set(durable, spec);
    }
    const consumerOptions = { ...DEFAULT_CONSUMER_OPTIONS, ...this.options.consumer };
    const outcomes = this.metrics.counter('events_handled_total', 'Events handled, by consumer and outcome', [
      'consumer',
      'outcome',
    ]);
    // Events per transaction: a consumer that keeps up takes small batches, and each costs a
    // transaction, so this says whether its per-event cost is the batch's or the event's.
    const batchSizes = this.metrics.histogram('event_batch_size', 'Events applied per consumer transaction', ['consumer'], [1, 2, 5, 10, 25, 50, 100, 250, 500]);
    for (const spec of groups.values()) {
      // A named group reads only its handlers' subjects (or their entity family); the default
      // group of a stream reads all of it, which keeps per-entity order across every type.
      if (spec.durable !== this.naming.durable(this.options.service, spec.stream)) {
        const filter = groupFilterSubject([...spec.handlers.keys()]);
        if (filter) spec.filterSubject = this.naming.subject(filter);
      }
      const consumer = new EventConsumer(spec, this.orm, this.nats, consumerOptions, this.deadLetters, this.logger, { outcomes, batchSizes });
      await consumer.start();
      this.consumers.push(consumer);
    }
  }

  private discoverHandlers() {
    const events: { definition: EventDefinition; group?: string; handle: EventHandlerFn; handleMany?: EventsHandlerFn }[] = [];
    const requests: { definition: RequestDefinition; handle: RequestHandlerFn }[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = instance[name] as (...args: unknown[]) => Promise<unknown>;
        const onEvent = this.reflector.get<OnEventMetadata | undefined>(ON_EVENT, method);
        if (onEvent?.many) {
          const handleMany: EventsHandlerFn = (batch, em) => method.call(instance, batch, em) as Promise<void>;
          events.push({ definition: onEvent.definition, group: onEvent.group, handle: (event, em) => handleMany([event], em), handleMany });
        } else if (onEvent) {
          events.push({ definition: onEvent.definition, group: onEvent.group, handle: (event, em) => method.call(instance, event, em) as Promise<void> });
        }
        const onRequest = this.reflector.get<RequestDefinition | undefined>(ON_REQUEST, method);
        if (onRequest) requests.push({ definition: onRequest, handle: (req) => method.call(instance, req) });
      }
    }
    return { events, requests };
  }
}
