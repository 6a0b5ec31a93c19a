export * from './expect-eventually';
export * from './test-infra';
export * from './test-database';
export * from './nats-isolation';
export * from './nats-server.process';
export * from './pagerduty-sim.process';
export * from './compose-file';
export * from './workspace-root';
