export * from './workflow-graph.dto';
export * from './workflow.views';
export * from './workflows.request';
