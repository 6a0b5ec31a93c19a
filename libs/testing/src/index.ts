// Everything a service test needs: the infrastructure helpers (which the platform libs' own
// tests import directly from @seatkeeper/testing-infra) and the service harness built on them.
export * from '@seatkeeper/testing-infra';
export * from './service-harness';
export * from './service-basics';
export * from './service-process';
export * from './process-stack';
