export * from './orm-config';
export * from './messaging-tables.sql';
export * from './messaging-tables-changes.migration';
export * from './migration-runner';
export * from './persistence.module';
export * from './execute-bound';
