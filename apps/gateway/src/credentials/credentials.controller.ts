import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiParam,
} from '@nestjs/swagger';
import {
  VaultAccessLogList,
  VaultCredentialsCreate,
  VaultCredentialsDelete,
  VaultCredentialsGet,
  VaultCredentialsList,
  VaultCredentialsReplaceSecret,
  VaultCredentialsTest,
  VaultCredentialsUpdate,
  type AccessLogPage,
  type CredentialPage,
  type CredentialTestResult,
  type CredentialView,
} from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { ApiPageResponse, PageQueryDto, type Page } from '../http/pagination';
import { ParentLookup } from '../http/parent-exists';
import { ParseUuidPipe } from '../http/parse-uuid.pipe';
import {
  AccessLogEntryDto,
  CreateCredentialDto,
  CredentialDto,
  CredentialTestResultDto,
  DeletedCredentialDto,
  ListCredentialsQuery,
  ReplaceSecretDto,
  TestCredentialDto,
  UpdateCredentialDto,
} from './credentials.dto';
import {
  actorOf,
  toAccessLogEntryDto,
  toCredentialDto,
  toSettings,
  toTestResultDto,
} from './credentials.mapper';
import { withPublicFieldNames } from '../http/service-field-names';

/** Vendor credentials, kept by the credential-vault service. The secret is write-only: no route returns it. */
@ApiTags('credentials')
@Controller('api/v1/credentials')
export class CredentialsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly parents: ParentLookup,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary:
      'Add a credential (api_key, oauth2_client_credentials or basic; vault or local storage)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CredentialDto })
  async create(
    @Body() body: CreateCredentialDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<CredentialDto> {
    const view = await withPublicFieldNames(
      this.rpc.request(VaultCredentialsCreate, {
        actor: actorOf(who),
        name: body.name,
        vendor: body.vendor,
        description: body.description,
        type: body.type,
        preset: body.preset,
        storage: body.storage,
        settings: toSettings(body.settings),
        secret: body.secret,
        localReference: body.local_reference,
      }),
    );
    return toCredentialDto(view as CredentialView);
  }

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'List credentials (metadata only), newest first' })
  @ApiPageResponse(CredentialDto)
  async list(
    @Query() query: ListCredentialsQuery,
  ): Promise<Page<CredentialDto>> {
    const page = (await this.rpc.request(VaultCredentialsList, {
      limit: query.limit,
      cursor: query.cursor,
      vendor: query.vendor,
    })) as CredentialPage;
    return {
      data: page.data.map(toCredentialDto),
      next_cursor: page.next_cursor,
    };
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'One credential: metadata and a masked hint' })
  @ApiOkResponse({ type: CredentialDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  async get(@Param('id', ParseUuidPipe) id: string): Promise<CredentialDto> {
    return toCredentialDto(
      (await this.rpc.request(VaultCredentialsGet, { id })) as CredentialView,
    );
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Change name or description (settings change only with the secret)',
  })
  @ApiOkResponse({ type: CredentialDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  async update(
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: UpdateCredentialDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<CredentialDto> {
    const view = await withPublicFieldNames(
      this.rpc.request(VaultCredentialsUpdate, {
        id,
        actor: actorOf(who),
        name: body.name,
        description: body.description,
      }),
    );
    return toCredentialDto(view as CredentialView);
  }

  @Put(':id/secret')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Replace the secret (or local reference), optionally with new settings',
  })
  @ApiOkResponse({ type: CredentialDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  async replaceSecret(
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: ReplaceSecretDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<CredentialDto> {
    const view = await withPublicFieldNames(
      this.rpc.request(VaultCredentialsReplaceSecret, {
        id,
        actor: actorOf(who),
        secret: body.secret,
        localReference: body.local_reference,
        settings: toSettings(body.settings),
      }),
    );
    return toCredentialDto(view as CredentialView);
  }

  @Delete(':id')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Delete; 409 with the referencing integrations/workflows while any remain, 503 when that cannot be checked',
  })
  @ApiOkResponse({ type: DeletedCredentialDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  async delete(
    @Param('id', ParseUuidPipe) id: string,
    @CurrentPrincipal() who: Principal,
  ): Promise<DeletedCredentialDto> {
    return (await this.rpc.request(VaultCredentialsDelete, {
      id,
      actor: actorOf(who),
    })) as DeletedCredentialDto;
  }

  @Post(':id/test')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      "Ask the vendor's connector to make one harmless call with the credential (PagerDuty: GET /users?limit=1), against the region or base URL named in the optional body; the answer names the endpoint called",
  })
  @ApiOkResponse({ type: CredentialTestResultDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  async test(
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: TestCredentialDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<CredentialTestResultDto> {
    return toTestResultDto(
      (await this.rpc.request(VaultCredentialsTest, {
        id,
        actor: actorOf(who),
        ...(body.region ? { region: body.region } : {}),
        ...(body.base_url ? { baseUrl: body.base_url } : {}),
      })) as CredentialTestResult,
    );
  }

  @Get(':id/access-log')
  @Roles('admin')
  @ApiOperation({
    summary:
      "This credential's access log: every resolve, granted or not, newest first",
  })
  @ApiPageResponse(AccessLogEntryDto)
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  async accessLog(
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<AccessLogEntryDto>> {
    await this.parents.credential(id);
    const page = (await this.rpc.request(VaultAccessLogList, {
      credentialId: id,
      limit: query.limit,
      cursor: query.cursor,
    })) as AccessLogPage;
    return {
      data: page.data.map(toAccessLogEntryDto),
      next_cursor: page.next_cursor,
    };
  }
}
