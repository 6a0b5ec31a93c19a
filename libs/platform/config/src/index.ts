export * from './secret.decorator';
export * from './env-bases';
export * from './load-env';
