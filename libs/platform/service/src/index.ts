export * from './internal-http.module';
export * from './service-module';
export * from './run-service';
