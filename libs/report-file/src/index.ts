export * from './cell-format';
export * from './report-writer';
