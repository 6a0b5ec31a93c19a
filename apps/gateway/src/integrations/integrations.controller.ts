import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { actorOf } from '../http/actor';
import { ApiPageResponse, type Page } from '../http/pagination';
import { ParseUuidPipe } from '../http/parse-uuid.pipe';
import { DeletedIntegrationDto, IntegrationDto, IntegrationTestResultDto } from './integration-view.dto';
import { CreateIntegrationDto, ListIntegrationsQuery, UpdateIntegrationDto } from './integrations.dto';
import { IntegrationsService } from './integrations.service';
import { ListRunsQuery, RunDto } from './runs.dto';

/** Vendor integrations and their runs, kept by the integration-sync service. */
@ApiTags('integrations')
@Controller('api/v1/integrations')
export class IntegrationsController {
  constructor(private readonly integrations: IntegrationsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a draft integration (cloud: a vault credential; local: a secret reference read by the runner)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: IntegrationDto })
  create(@Body() body: CreateIntegrationDto, @CurrentPrincipal() who: Principal): Promise<IntegrationDto> {
    return this.integrations.create(body, actorOf(who));
  }

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'List integrations, oldest first' })
  @ApiPageResponse(IntegrationDto)
  list(@Query() query: ListIntegrationsQuery): Promise<Page<IntegrationDto>> {
    return this.integrations.list(query);
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'One integration, with its next scheduled run and its last run' })
  @ApiOkResponse({ type: IntegrationDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  get(@Param('id', ParseUuidPipe) id: string): Promise<IntegrationDto> {
    return this.integrations.get(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change settings (not the vendor nor the installation type); fields left out stay' })
  @ApiOkResponse({ type: IntegrationDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateIntegrationDto, @CurrentPrincipal() who: Principal): Promise<IntegrationDto> {
    return this.integrations.update(id, body, actorOf(who));
  }

  @Delete(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Delete; 409 CONFLICT while a run is going' })
  @ApiOkResponse({ type: DeletedIntegrationDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  delete(@Param('id', ParseUuidPipe) id: string, @CurrentPrincipal() who: Principal): Promise<DeletedIntegrationDto> {
    return this.integrations.delete(id, actorOf(who));
  }

  @Post(':id/launch')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      'draft|paused → active. 422 INTEGRATION_NOT_READY with what the mapping lacks (errors[field=mapping]); 503 when the mapping service cannot confirm',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: IntegrationDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  launch(@Param('id', ParseUuidPipe) id: string, @CurrentPrincipal() who: Principal): Promise<IntegrationDto> {
    return this.integrations.launch(id, actorOf(who));
  }

  @Post(':id/test')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      "Test the integration's credential where the integration uses it: one harmless vendor call (PagerDuty: GET /users?limit=1) against its region and base URL; the answer names the endpoint called",
  })
  @ApiOkResponse({ type: IntegrationTestResultDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  test(@Param('id', ParseUuidPipe) id: string): Promise<IntegrationTestResultDto> {
    return this.integrations.test(id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'active → paused: the schedule stops, a run in progress finishes. Resuming (launch) needs admin' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: IntegrationDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  pause(@Param('id', ParseUuidPipe) id: string, @CurrentPrincipal() who: Principal): Promise<IntegrationDto> {
    return this.integrations.pause(id, actorOf(who));
  }

  @Post(':id/runs')
  @HttpCode(202)
  @Roles('operator')
  @ApiOperation({ summary: 'Run now: queues a run (202). 409 CONFLICT while a run is going; 422 INTEGRATION_NOT_ACTIVE for a draft or paused one' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiAcceptedResponse({ type: RunDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  runNow(@Param('id', ParseUuidPipe) id: string, @CurrentPrincipal() who: Principal): Promise<RunDto> {
    return this.integrations.runNow(id, actorOf(who));
  }

  @Get(':id/runs')
  @Roles('viewer')
  @ApiOperation({ summary: "The integration's runs, newest first (404 for an unknown integration)" })
  @ApiPageResponse(RunDto)
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  listRuns(@Param('id', ParseUuidPipe) id: string, @Query() query: ListRunsQuery): Promise<Page<RunDto>> {
    return this.integrations.listRuns(id, query);
  }
}
