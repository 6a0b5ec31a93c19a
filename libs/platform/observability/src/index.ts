export * from './correlation';
export * from './redaction';
export * from './metrics';
export * from './health';
export * from './internal-http.server';
export * from './logger';
export * from './observability.module';
