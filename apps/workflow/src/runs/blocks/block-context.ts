import type { Graph } from '../../graph/graph';
import type { Limits } from '../../definitions/limits';
import type { RecordRow, RunRow, StepRow } from '../run.rows';

/** What a block's executor gets: the run, its frozen graph and limits, the block's open steps and their records. */
export interface BlockContext {
  run: RunRow;
  graph: Graph;
  limits: Limits;
  blockId: string;
  steps: StepRow[];
  records: Map<string, RecordRow>;
  /** False once the run was cancelled or the lease lost: stop between actions. */
  shouldContinue(): Promise<boolean>;
}
