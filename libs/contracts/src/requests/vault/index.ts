export * from './credential-shapes';
export * from './create-credential.request';
export * from './read-credentials.request';
export * from './change-credential.request';
export * from './resolve-credential.request';
export * from './test-credential.request';
export * from './access-log.request';
export * from './master-keys.request';
