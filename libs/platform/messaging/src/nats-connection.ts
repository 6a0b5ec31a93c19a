import { connect, type JetStreamClient, type JetStreamManager, type NatsConnection } from 'nats';
import type { MessagingOptions } from './messaging.options';

/** One NATS connection per service process, shared by the relay, the consumers and request-reply. */
export class NatsConnectionHolder {
  private connection?: NatsConnection;
  private manager?: JetStreamManager;

  async connect(options: MessagingOptions, instanceId: string): Promise<void> {
    this.connection = await connect({
      servers: options.natsUrl.split(','),
      name: `${options.service}:${instanceId}`,
      user: options.natsUser,
      pass: options.natsPassword,
      // Keep trying forever: NATS being away is an outage to ride out, not a reason to exit.
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      waitOnFirstConnect: false,
      // nats.js otherwise makes an Error (for its stack) for every request and publish ack it
      // awaits — a JetStream publish per event — which cost ~5 % of the event path's CPU; a
      // timeout still rejects with NatsError TIMEOUT, only without the caller's frames.
      noAsyncTraces: true,
    });
    this.manager = await this.connection.jetstreamManager();
  }

  get nc(): NatsConnection {
    if (!this.connection) throw new Error('NATS is not connected yet');
    return this.connection;
  }

  get js(): JetStreamClient {
    return this.nc.jetstream();
  }

  get jsm(): JetStreamManager {
    if (!this.manager) throw new Error('NATS is not connected yet');
    return this.manager;
  }

  isConnected(): boolean {
    return !!this.connection && !this.connection.isClosed() && !this.connection.isDraining();
  }

  /** Drains subscriptions (in-flight requests finish) and closes. */
  async drain(): Promise<void> {
    const nc = this.connection;
    if (!nc || nc.isClosed()) return;
    try {
      await nc.drain();
    } catch {
      await nc.close();
    }
  }
}
