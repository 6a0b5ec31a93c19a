import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '../auth/roles.decorator';
import { ServiceParamDto, ServiceStatusDto, SystemStatusDto } from './system-status.dto';
import { SystemStatusService } from './system-status.service';

@ApiTags('system')
@Controller('api/v1/system')
export class SystemStatusController {
  constructor(private readonly status: SystemStatusService) {}

  /** Public, for load balancers and `npm start`: it names services and whether they answer, never data. */
  @Public()
  @Get('status')
  @ApiOperation({ summary: 'Each service and whether it answered' })
  @ApiOkResponse({ type: SystemStatusDto })
  getStatus(): Promise<SystemStatusDto> {
    return this.status.check();
  }

  /** One service's identity (instance, version): needs a token, since it says more than up/down. */
  @Roles('viewer')
  @Get('status/:service')
  @ApiOperation({ summary: 'Whether one service answers; 503 problem+json naming it if not' })
  @ApiOkResponse({ type: ServiceStatusDto })
  @ApiServiceUnavailableResponse({ description: 'The service did not answer (code SERVICE_UNAVAILABLE or SERVICE_TIMEOUT)' })
  getServiceStatus(@Param() params: ServiceParamDto): Promise<ServiceStatusDto> {
    return this.status.ping(params.service);
  }
}
