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
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { actorOf } from '../http/actor';
import { ApiPageResponse, PageQueryDto, type Page } from '../http/pagination';
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
import { CredentialsService } from './credentials.service';

/** Vendor credentials, kept by the credential-vault service. The secret is write-only: no route returns it. */
@ApiTags('credentials')
@Controller('api/v1/credentials')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary:
      'Add a credential (api_key, oauth2_client_credentials or basic; vault or local storage)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CredentialDto })
  create(
    @Body() body: CreateCredentialDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<CredentialDto> {
    return this.credentials.create(body, actorOf(who));
  }

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'List credentials (metadata only), newest first' })
  @ApiPageResponse(CredentialDto)
  list(@Query() query: ListCredentialsQuery): Promise<Page<CredentialDto>> {
    return this.credentials.list(query);
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'One credential: metadata and a masked hint' })
  @ApiOkResponse({ type: CredentialDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  get(@Param('id', ParseUuidPipe) id: string): Promise<CredentialDto> {
    return this.credentials.get(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Change name or description (settings change only with the secret)',
  })
  @ApiOkResponse({ type: CredentialDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  update(
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: UpdateCredentialDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<CredentialDto> {
    return this.credentials.update(id, body, actorOf(who));
  }

  @Put(':id/secret')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Replace the secret (or local reference), optionally with new settings',
  })
  @ApiOkResponse({ type: CredentialDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  replaceSecret(
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: ReplaceSecretDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<CredentialDto> {
    return this.credentials.replaceSecret(id, body, actorOf(who));
  }

  @Delete(':id')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Delete; 409 with the referencing integrations/workflows while any remain, 503 when that cannot be checked',
  })
  @ApiOkResponse({ type: DeletedCredentialDto })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  delete(
    @Param('id', ParseUuidPipe) id: string,
    @CurrentPrincipal() who: Principal,
  ): Promise<DeletedCredentialDto> {
    return this.credentials.delete(id, actorOf(who));
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
  test(
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: TestCredentialDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<CredentialTestResultDto> {
    return this.credentials.test(id, body, actorOf(who));
  }

  @Get(':id/access-log')
  @Roles('admin')
  @ApiOperation({
    summary:
      "This credential's access log: every resolve, granted or not, newest first",
  })
  @ApiPageResponse(AccessLogEntryDto)
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  accessLog(
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<AccessLogEntryDto>> {
    return this.credentials.accessLogOf(id, query);
  }
}
