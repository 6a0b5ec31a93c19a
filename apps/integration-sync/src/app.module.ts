import { Module, type DynamicModule } from '@nestjs/common';
import { ALL_EVENTS } from '@seatkeeper/contracts';
import { streamsFor } from '@seatkeeper/platform-messaging';
import { serviceModule } from '@seatkeeper/platform-service';
import { IntegrationSyncEnv } from './config/integration-sync.env';
import { ConnectorActionsHandler } from './connector/connector-actions.handler';
import { ConnectorActionsService } from './connector/connector-actions.service';
import { SyncConnectorRegistry } from './connector/sync-connector.registry';
import { CredentialResolver } from './credentials/credential.resolver';
import { IntegrationsHandler } from './integrations/integrations.handler';
import { IntegrationsRepository } from './integrations/integrations.repository';
import { IntegrationsService } from './integrations/integrations.service';
import { ormConfig } from './mikro-orm.config';
import { ApplyTimeoutSweeper } from './runs/apply-timeout.sweeper';
import { RunExecutor } from './runs/run.executor';
import { RunWorker } from './runs/run.worker';
import { RunsHandler } from './runs/runs.handler';
import { RunsRepository } from './runs/runs.repository';
import { RunsService } from './runs/runs.service';
import { SyncAppliedConsumer } from './runs/sync-applied.consumer';
import { ScheduleClaimer } from './scheduler/schedule.claimer';

@Module({})
export class AppModule {
  static forRoot(env: IntegrationSyncEnv): DynamicModule {
    return serviceModule(AppModule, {
      name: 'integration-sync',
      env,
      orm: ormConfig(env),
      // SYNC is ours to produce into; DIRECTORY is listed so that our consumer of
      // directory.sync.applied.v1 binds even when mapping starts after us (subjects are only ever added).
      streams: streamsFor(ALL_EVENTS, ['sync', 'directory']),
      imports: [],
      providers: [
        { provide: IntegrationSyncEnv, useValue: env },
        IntegrationsRepository,
        IntegrationsService,
        IntegrationsHandler,
        RunsRepository,
        CredentialResolver,
        SyncConnectorRegistry,
        RunExecutor,
        RunWorker,
        RunsService,
        RunsHandler,
        SyncAppliedConsumer,
        ApplyTimeoutSweeper,
        ScheduleClaimer,
        ConnectorActionsService,
        ConnectorActionsHandler,
      ],
    });
  }
}
