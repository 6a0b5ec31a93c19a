export * from './egress-policy';
export * from './base-url-list.decorator';
export * from './connector-error';
export * from './connector';
export * from './connector-registry';
