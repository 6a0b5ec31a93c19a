import { Module, type DynamicModule } from '@nestjs/common';
import { ALL_EVENTS } from '@seatkeeper/contracts';
import { streamsFor } from '@seatkeeper/platform-messaging';
import { serviceModule } from '@seatkeeper/platform-service';
import { WorkflowEnv } from './config/workflow.env';
import { CredentialCheck } from './definitions/credential-check';
import { DefinitionsHandler } from './definitions/definitions.handler';
import { DefinitionsService } from './definitions/definitions.service';
import { WorkflowsRepository } from './definitions/workflows.repository';
import { DirectoryClient } from './directory/directory.client';
import { ormConfig } from './mikro-orm.config';
import { ApprovalBlock } from './runs/blocks/approval.block';
import { DeactivateBlock } from './runs/blocks/deactivate.block';
import { FreshnessGuard } from './runs/blocks/freshness.guard';
import { NotifyBlock } from './runs/blocks/notify.block';
import { RoleRetrievalBlock } from './runs/blocks/role-retrieval.block';
import { VendorDeleteBlock } from './runs/blocks/vendor-delete.block';
import { Planner } from './runs/planner';
import { RunExecutor } from './runs/run.executor';
import { RunWorker } from './runs/run.worker';
import { RestoreKitsRepository } from './runs/restore-kits.repository';
import { RestoreService } from './runs/restore.service';
import { RunsHandler } from './runs/runs.handler';
import { RunsRepository } from './runs/runs.repository';
import { RunsService } from './runs/runs.service';
import { StepRouter } from './runs/step-router';
import { DirectoryTriggersConsumer } from './triggers/directory-triggers.consumer';
import { ScheduleClaimer } from './triggers/schedule.claimer';
import { ConnectorClient } from './vendor/connector.client';

@Module({})
export class AppModule {
  static forRoot(env: WorkflowEnv): DynamicModule {
    return serviceModule(AppModule, {
      name: 'workflow',
      env,
      orm: ormConfig(env),
      // WORKFLOW is ours to produce into; DIRECTORY is listed so that the trigger consumer binds
      // even when mapping starts after us (subjects are only ever added).
      streams: streamsFor(ALL_EVENTS, ['workflow', 'directory']),
      imports: [],
      providers: [
        { provide: WorkflowEnv, useValue: env },
        CredentialCheck,
        DirectoryClient,
        ConnectorClient,
        WorkflowsRepository,
        DefinitionsService,
        DefinitionsHandler,
        RunsRepository,
        RestoreKitsRepository,
        StepRouter,
        Planner,
        FreshnessGuard,
        RoleRetrievalBlock,
        VendorDeleteBlock,
        DeactivateBlock,
        NotifyBlock,
        ApprovalBlock,
        RunExecutor,
        RunWorker,
        RunsService,
        RestoreService,
        RunsHandler,
        ScheduleClaimer,
        DirectoryTriggersConsumer,
      ],
    });
  }
}
