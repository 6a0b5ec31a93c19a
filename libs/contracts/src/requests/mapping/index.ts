export * from './mapping-definition.dto';
export * from './mapping-definitions.request';
export * from './mapping-suggestions.request';
export * from './mapping-fields.request';
export * from './mapping-quarantine.request';
