import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ApiPageResponse, PageQueryDto, type Page } from '../http/pagination';
import { ParseUuidPipe } from '../http/parse-uuid.pipe';
import {
  CreateCustomFieldDto,
  CustomFieldDto,
  DeletedMappingDto,
  ListQuarantineQuery,
  MappingCheckDto,
  MappingDefinitionDto,
  MappingSuggestionsDto,
  PutMappingDefinitionDto,
  QuarantinedRecordDto,
  RetryQuarantineDto,
  RetryQuarantineResultDto,
  SourceFieldsDto,
  TargetFieldDto,
} from './mappings.dto';
import { MappingsService } from './mappings.service';

const INTEGRATION_ID = { name: 'id', type: String, format: 'uuid', description: 'The integration the definition belongs to' } as const;

/**
 * Mapping definitions, one per integration (`:id` is the integration id), and what they are built
 * from: source fields with samples, target fields, custom fields, suggestions; plus the records a
 * definition could not apply (quarantine). Answered by the mapping service.
 * The fixed paths (`target-fields`, `custom-fields`) are declared before `:id`.
 */
@ApiTags('mappings')
@Controller('api/v1/mappings')
export class MappingsController {
  constructor(private readonly mappings: MappingsService) {}

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'Every integration’s mapping definition, by integration id' })
  @ApiPageResponse(MappingDefinitionDto)
  list(@Query() query: PageQueryDto): Promise<Page<MappingDefinitionDto>> {
    return this.mappings.list(query);
  }

  @Get('target-fields')
  @Roles('viewer')
  @ApiOperation({ summary: 'Fields a mapping may write: people, SaaS users and custom fields (unique ones may be sync keys)' })
  @ApiPageResponse(TargetFieldDto)
  targetFields(@Query() query: PageQueryDto): Promise<Page<TargetFieldDto>> {
    return this.mappings.targetFields(query);
  }

  @Get('custom-fields')
  @Roles('viewer')
  @ApiOperation({ summary: 'Custom fields of people, by key' })
  @ApiPageResponse(CustomFieldDto)
  customFields(@Query() query: PageQueryDto): Promise<Page<CustomFieldDto>> {
    return this.mappings.customFields(query);
  }

  @Post('custom-fields')
  @Roles('admin')
  @ApiOperation({ summary: 'Create a custom field (name, type, unique); 409 when the key exists' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CustomFieldDto })
  createCustomField(@Body() body: CreateCustomFieldDto): Promise<CustomFieldDto> {
    return this.mappings.createCustomField(body);
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'The integration’s mapping definition, its source fields and whether it may sync' })
  @ApiParam(INTEGRATION_ID)
  @ApiOkResponse({ type: MappingDefinitionDto })
  get(@Param('id', ParseUuidPipe) id: string): Promise<MappingDefinitionDto> {
    return this.mappings.get(id);
  }

  @Put(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Create or replace the definition; 400 lists every problem (unknown targets, non-unique sync keys, bad filter)' })
  @ApiParam(INTEGRATION_ID)
  @ApiOkResponse({ type: MappingDefinitionDto })
  put(@Param('id', ParseUuidPipe) id: string, @Body() body: PutMappingDefinitionDto): Promise<MappingDefinitionDto> {
    return this.mappings.put(id, body);
  }

  @Delete(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Delete the definition (the integration can no longer sync)' })
  @ApiParam(INTEGRATION_ID)
  @ApiOkResponse({ type: DeletedMappingDto })
  delete(@Param('id', ParseUuidPipe) id: string): Promise<DeletedMappingDto> {
    return this.mappings.delete(id);
  }

  @Get(':id/check')
  @Roles('viewer')
  @ApiOperation({ summary: 'May the integration sync? `missing` says what its mapping still lacks' })
  @ApiParam(INTEGRATION_ID)
  @ApiOkResponse({ type: MappingCheckDto })
  check(@Param('id', ParseUuidPipe) id: string): Promise<MappingCheckDto> {
    return this.mappings.check(id);
  }

  @Get(':id/source-fields')
  @Roles('viewer')
  @ApiOperation({ summary: 'The fields the vendor offers, with a sample value from the latest run, or (before any run, with or without a saved mapping) from one page read from the vendor now' })
  @ApiParam(INTEGRATION_ID)
  @ApiOkResponse({ type: SourceFieldsDto })
  sourceFields(@Param('id', ParseUuidPipe) id: string): Promise<SourceFieldsDto> {
    return this.mappings.sourceFields(id);
  }

  @Get(':id/suggestions')
  @Roles('viewer')
  @ApiOperation({ summary: 'Smart mapping: suggested mappings from field names and samples (as source-fields), with confidence and reason; works before any mapping is saved' })
  @ApiParam(INTEGRATION_ID)
  @ApiOkResponse({ type: MappingSuggestionsDto })
  suggestions(@Param('id', ParseUuidPipe) id: string): Promise<MappingSuggestionsDto> {
    return this.mappings.suggestions(id);
  }

  @Get(':id/quarantine')
  @Roles('viewer')
  @ApiOperation({ summary: 'Records of the integration that could not be applied, with their reason and the raw record' })
  @ApiParam(INTEGRATION_ID)
  @ApiPageResponse(QuarantinedRecordDto)
  quarantine(@Param('id', ParseUuidPipe) id: string, @Query() query: ListQuarantineQuery): Promise<Page<QuarantinedRecordDto>> {
    return this.mappings.quarantine(id, query);
  }

  @Post(':id/quarantine/retry')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Re-apply open quarantined records under the current definition (all, or `ids`)' })
  @ApiParam(INTEGRATION_ID)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: RetryQuarantineResultDto })
  retryQuarantine(@Param('id', ParseUuidPipe) id: string, @Body() body: RetryQuarantineDto): Promise<RetryQuarantineResultDto> {
    return this.mappings.retryQuarantine(id, body);
  }
}
