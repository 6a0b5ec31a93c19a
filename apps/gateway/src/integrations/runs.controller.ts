import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ParseUuidPipe } from '../http/parse-uuid.pipe';
import { IntegrationsService } from './integrations.service';
import { RunDto } from './runs.dto';

/** One sync run by id (the run id is what "run now" answers and what events carry). */
@ApiTags('integrations')
@Controller('api/v1/runs')
export class RunsController {
  constructor(private readonly integrations: IntegrationsService) {}

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'A run: status, progress, counts, timings and errors' })
  @ApiOkResponse({ type: RunDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  get(@Param('id', ParseUuidPipe) id: string): Promise<RunDto> {
    return this.integrations.getRun(id);
  }
}
