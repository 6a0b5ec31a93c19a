import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ApiPageResponse, PageQueryDto, type Page } from '../http/pagination';
import { ParseUuidPipe } from '../http/parse-uuid.pipe';
import { DirectoryService } from './directory.service';
import { SaasAppDto, UpdateSaasAppDto } from './saas-apps.dto';

/** SaaS apps (an app is created by the first integration of its vendor): name, seat price, seats purchased. */
@ApiTags('directory')
@Controller('api/v1/saas-apps')
export class SaasAppsController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'SaaS apps with their seat price and count of SaaS users' })
  @ApiPageResponse(SaasAppDto)
  list(@Query() query: PageQueryDto): Promise<Page<SaasAppDto>> {
    return this.directory.listSaasApps(query);
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'One SaaS app' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiOkResponse({ type: SaasAppDto })
  get(@Param('id', ParseUuidPipe) id: string): Promise<SaasAppDto> {
    return this.directory.getSaasApp(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change name, seat price, currency or seats purchased' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiOkResponse({ type: SaasAppDto })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateSaasAppDto): Promise<SaasAppDto> {
    return this.directory.updateSaasApp(id, body);
  }
}
