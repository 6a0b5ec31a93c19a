export * from './egress-policy';
export * from './base-url-list.decorator';
