import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { actorOf } from '../http/actor';
import { ApiPageResponse, type Page } from '../http/pagination';
import {
  AccessLogEntryDto,
  AccessLogQuery,
  KeyRingDto,
  RotateMasterKeyDto,
} from './credentials.dto';
import { CredentialsService } from './credentials.service';

/** The vault's admin surface: the access log across credentials and the master key ring. */
@ApiTags('credentials')
@Controller('api/v1/vault')
export class VaultAdminController {
  constructor(private readonly credentials: CredentialsService) {}

  @Get('access-log')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Every use of a secret (credential, caller, integration/run/workflow, outcome), newest first',
  })
  @ApiPageResponse(AccessLogEntryDto)
  accessLog(@Query() query: AccessLogQuery): Promise<Page<AccessLogEntryDto>> {
    return this.credentials.accessLog(query);
  }

  @Get('keys')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Master key versions: active, available, retired, and how many data keys each wraps',
  })
  @ApiOkResponse({ type: KeyRingDto })
  keys(): Promise<KeyRingDto> {
    return this.credentials.keys();
  }

  @Post('keys/rotate')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Activate a master key version from the ring, rewrap every data key under it, retire the old one',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: KeyRingDto })
  rotate(
    @Body() body: RotateMasterKeyDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<KeyRingDto> {
    return this.credentials.rotate(body, actorOf(who));
  }
}
