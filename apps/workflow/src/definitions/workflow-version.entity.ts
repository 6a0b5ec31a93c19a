import { Entity, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import type { WorkflowGraphDto } from '@seatkeeper/contracts';
import type { Limits } from './limits';

/** One version of a workflow's graph and limits (table `workflow_version`); frozen once launched. */
@Entity({ tableName: 'workflow_version' })
export class WorkflowVersion {
  [PrimaryKeyProp]?: ['workflowId', 'version'];
  [OptionalProps]?: 'state' | 'createdAt';

  @PrimaryKey({ type: 'uuid', fieldName: 'workflow_id' })
  workflowId!: string;

  @PrimaryKey({ type: 'int' })
  version!: number;

  @Property({ type: 'text' })
  state: 'draft' | 'frozen' = 'draft';

  @Property({ type: 'json' })
  graph!: WorkflowGraphDto;

  @Property({ type: 'json' })
  limits!: Limits;

  @Property({ type: 'timestamptz', fieldName: 'created_at' })
  createdAt: Date = new Date();
}
