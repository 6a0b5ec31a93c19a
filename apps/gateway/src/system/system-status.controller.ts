import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../http/public.decorator';
import { SystemStatusService, type SystemStatusDto } from './system-status.service';

@ApiTags('system')
@Controller('api/v1/system')
export class SystemStatusController {
  constructor(private readonly status: SystemStatusService) {}

  /** Whether each service answers on the bus. Public: it names services, never data. */
  @Public()
  @Get('status')
  @ApiOkResponse({ description: 'Each service and whether it answered' })
  getStatus(): Promise<SystemStatusDto> {
    return this.status.check();
  }
}
