export * from './list-views.request';
export * from './dashboards.request';
export * from './reports.request';
