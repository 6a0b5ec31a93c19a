import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { WorkflowStatus, WorkflowTrigger, WorkflowType } from '@seatkeeper/contracts';

/** A workflow definition (table `workflow`, Migration20261202000000Workflows). */
@Entity({ tableName: 'workflow' })
export class Workflow {
  /** What the table defaults (or the class initialises) when a workflow is created. */
  [OptionalProps]?: 'description' | 'status' | 'draftVersion' | 'activeVersion' | 'trigger' | 'nextRunAt' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'text' })
  type!: WorkflowType;

  @Property({ type: 'text' })
  status: WorkflowStatus = 'draft';

  /** The version edits go to; it is frozen once launched and a new draft is made on the next edit. */
  @Property({ type: 'int', fieldName: 'draft_version' })
  draftVersion = 1;

  @Property({ type: 'int', fieldName: 'active_version', nullable: true })
  activeVersion: number | null = null;

  @Property({ type: 'text', nullable: true })
  trigger: WorkflowTrigger | null = null;

  @Property({ type: 'timestamptz', fieldName: 'next_run_at', nullable: true })
  nextRunAt: Date | null = null;

  @Property({ type: 'timestamptz', fieldName: 'created_at' })
  createdAt: Date = new Date();

  /** Set by the service where an operator's change lands (not by a schedule moving on). */
  @Property({ type: 'timestamptz', fieldName: 'updated_at' })
  updatedAt: Date = new Date();
}
