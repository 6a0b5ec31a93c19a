import { Module } from '@nestjs/common';
import { IntegrationsController } from './integrations.controller';
import { IntegrationsService } from './integrations.service';
import { RunsController } from './runs.controller';

/** /api/v1/integrations and /api/v1/runs onto the integration-sync service (RpcClient comes from the global MessagingModule). */
@Module({ controllers: [IntegrationsController, RunsController], providers: [IntegrationsService] })
export class IntegrationsModule {}
