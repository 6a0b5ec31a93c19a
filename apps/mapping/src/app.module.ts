import { Module, type DynamicModule } from '@nestjs/common';
import { ALL_EVENTS } from '@seatkeeper/contracts';
import { streamsFor } from '@seatkeeper/platform-messaging';
import { serviceModule } from '@seatkeeper/platform-service';
import { QuarantineRepository } from './apply/quarantine.repository';
import { Reconciler } from './apply/reconciler';
import { RecordApplier } from './apply/record-applier';
import { SyncEventsConsumer } from './apply/sync-events.consumer';
import { SyncRunService } from './apply/sync-run.service';
import { SyncRunRepository } from './apply/sync-run.repository';
import type { MappingEnv } from './config/mapping.env';
import { DefinitionRepository } from './definitions/definition.repository';
import { DefinitionsHandler } from './definitions/definitions.handler';
import { DefinitionsService } from './definitions/definitions.service';
import { SourceSamplesService } from './definitions/source-samples.service';
import { DirectoryHandler } from './directory/directory.handler';
import { DirectoryService } from './directory/directory.service';
import { PeopleImportService } from './directory/people-import.service';
import { PersonRepository } from './directory/person.repository';
import { SaasAppRepository } from './directory/saas-app.repository';
import { SaasUserRepository } from './directory/saas-user.repository';
import { SaasUserCommandsHandler } from './directory/saas-user-commands.handler';
import { SaasUserCommandsService } from './directory/saas-user-commands.service';
import { ormConfig } from './mikro-orm.config';

@Module({})
export class AppModule {
  static forRoot(env: MappingEnv): DynamicModule {
    return serviceModule(AppModule, {
      name: 'mapping',
      env,
      orm: ormConfig(env),
      // DIRECTORY is ours to produce into. SYNC is listed too so that our durable consumer can
      // bind even when mapping starts before integration-sync: ensureStreams only ever adds subjects.
      streams: streamsFor(ALL_EVENTS, ['directory', 'sync']),
      imports: [],
      providers: [
        DefinitionRepository,
        QuarantineRepository,
        RecordApplier,
        Reconciler,
        SyncRunService,
        SyncRunRepository,
        SyncEventsConsumer,
        DefinitionsService,
        SourceSamplesService,
        DefinitionsHandler,
        PersonRepository,
        SaasAppRepository,
        SaasUserRepository,
        DirectoryService,
        PeopleImportService,
        DirectoryHandler,
        SaasUserCommandsService,
        SaasUserCommandsHandler,
      ],
    });
  }
}
