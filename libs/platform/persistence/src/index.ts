export * from './orm-config';
export * from './messaging-tables.sql';
export * from './messaging-tables-upgrade.migration';
export * from './migration-runner';
export * from './persistence.module';
export * from './execute-bound';
