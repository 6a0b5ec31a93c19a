import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  VaultAccessLogList,
  VaultKeysRotate,
  VaultKeysStatus,
  type AccessLogPage,
  type KeyRingStatus,
  type MasterKeyRotation,
} from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { ApiPageResponse, type Page } from '../http/pagination';
import {
  AccessLogEntryDto,
  AccessLogQuery,
  KeyRingDto,
  RotateMasterKeyDto,
} from './credentials.dto';
import {
  actorOf,
  toAccessLogEntryDto,
  toKeyRingDto,
} from './credentials.mapper';
import { withPublicFieldNames } from '../http/service-field-names';

/** The vault's admin surface: the access log across credentials and the master key ring. */
@ApiTags('credentials')
@Controller('api/v1/vault')
export class VaultAdminController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('access-log')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Every use of a secret (credential, caller, integration/run/workflow, outcome), newest first',
  })
  @ApiPageResponse(AccessLogEntryDto)
  async accessLog(
    @Query() query: AccessLogQuery,
  ): Promise<Page<AccessLogEntryDto>> {
    const page = (await this.rpc.request(VaultAccessLogList, {
      credentialId: query.credential_id,
      outcome: query.outcome,
      limit: query.limit,
      cursor: query.cursor,
    })) as AccessLogPage;
    return {
      data: page.data.map(toAccessLogEntryDto),
      next_cursor: page.next_cursor,
    };
  }

  @Get('keys')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Master key versions: active, available, retired, and how many data keys each wraps',
  })
  @ApiOkResponse({ type: KeyRingDto })
  async keys(): Promise<KeyRingDto> {
    return toKeyRingDto(
      (await this.rpc.request(VaultKeysStatus, {})) as KeyRingStatus,
    );
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
  async rotate(
    @Body() body: RotateMasterKeyDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<KeyRingDto> {
    const rotation = await withPublicFieldNames(
      this.rpc.request(VaultKeysRotate, {
        actor: actorOf(who),
        toVersion: body.to_version,
      }),
    );
    return toKeyRingDto(rotation as MasterKeyRotation);
  }
}
