import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ApiPageResponse, type Page } from '../http/pagination';
import { ParseUuidPipe } from '../http/parse-uuid.pipe';
import { DirectoryService } from './directory.service';
import { DeactivateSaasUserDto, ListSaasUsersQuery, SaasUserDto } from './saas-users.dto';

/** SaaS users (accounts in a vendor) with their person; operators may mark one deactivated or active again. */
@ApiTags('directory')
@Controller('api/v1/saas-users')
export class SaasUsersController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'SaaS users by app, person, status and/or a rule (`?filter=` JSON), in cursor pages' })
  @ApiPageResponse(SaasUserDto)
  list(@Query() query: ListSaasUsersQuery): Promise<Page<SaasUserDto>> {
    return this.directory.listSaasUsers(query);
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'One SaaS user with its person, status and last activity' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiOkResponse({ type: SaasUserDto })
  get(@Param('id', ParseUuidPipe) id: string): Promise<SaasUserDto> {
    return this.directory.getSaasUser(id);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({
    summary: 'Mark the account deactivated in the directory (e.g. removed in the vendor by hand); repeating it changes nothing; 409 when deleted',
  })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: SaasUserDto })
  deactivate(@Param('id', ParseUuidPipe) id: string, @Body() body: DeactivateSaasUserDto): Promise<SaasUserDto> {
    return this.directory.deactivateSaasUser(id, body);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Mark the account active again; repeating it changes nothing; 409 when deleted' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: SaasUserDto })
  reactivate(@Param('id', ParseUuidPipe) id: string): Promise<SaasUserDto> {
    return this.directory.reactivateSaasUser(id);
  }
}
