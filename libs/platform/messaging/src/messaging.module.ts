import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DeadLetterStore } from './events/dead-letter.store';
import { OutboxWriter } from './events/outbox.writer';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { MessagingRuntime } from './messaging.runtime';
import { NatsConnectionHolder } from './nats-connection';
import { Naming } from './naming';
import { RpcClient } from './rpc/rpc.client';

@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: Naming, useValue: new Naming(options.prefix ?? '') },
        { provide: NatsConnectionHolder, useValue: new NatsConnectionHolder() },
        { provide: OutboxWriter, useValue: new OutboxWriter(options.service) },
        { provide: DeadLetterStore, useValue: new DeadLetterStore() },
        {
          provide: RpcClient,
          useFactory: (nats: NatsConnectionHolder, naming: Naming) =>
            new RpcClient(nats, naming, options.requestTimeoutMs ?? 5000),
          inject: [NatsConnectionHolder, Naming],
        },
        MessagingRuntime,
      ],
      exports: [MESSAGING_OPTIONS, Naming, NatsConnectionHolder, OutboxWriter, DeadLetterStore, RpcClient, MessagingRuntime],
    };
  }
}
