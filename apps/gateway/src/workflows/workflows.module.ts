import { Module } from '@nestjs/common';
import { WorkflowRunsController } from './workflow-runs.controller';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsService } from './workflows.service';

/**
 * /api/v1/workflows onto the workflow service (RpcClient comes from the global MessagingModule).
 * The runs controller comes first so `/workflows/runs/{id}` is never read as a workflow id.
 */
@Module({ controllers: [WorkflowRunsController, WorkflowsController], providers: [WorkflowsService] })
export class WorkflowsModule {}
