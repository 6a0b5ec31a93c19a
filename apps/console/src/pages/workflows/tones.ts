import type { Workflow, WorkflowRunStatus, WorkflowStep } from '../../api/workflow-types';

type Tone = 'ok' | 'warn' | 'bad' | 'info';

export const workflowTone = (s: Workflow['status']): Tone => (s === 'active' ? 'ok' : s === 'paused' ? 'warn' : 'info');

export const runTone = (s: WorkflowRunStatus): Tone =>
  s === 'completed' ? 'ok' : s === 'failed' || s === 'rejected' || s === 'cancelled' ? 'bad' : s === 'awaiting_approval' ? 'warn' : 'info';

export const stepTone = (s: WorkflowStep['status']): Tone => (s === 'succeeded' ? 'ok' : s === 'failed' ? 'bad' : s === 'skipped' ? 'warn' : 'info');
