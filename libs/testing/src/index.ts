export * from './expect-eventually';
export * from './test-infra';
export * from './test-database';
export * from './nats-isolation';
export * from './nats-server.process';
export * from './service-harness';
export * from './service-basics';
