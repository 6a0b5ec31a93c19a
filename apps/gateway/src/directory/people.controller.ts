import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ApiPageResponse, type Page } from '../http/pagination';
import { ParseUuidPipe } from '../http/parse-uuid.pipe';
import { DirectoryService } from './directory.service';
import { ImportPeopleDto, ImportPeopleResultDto, ListPeopleQuery, PersonDto, UpdatePersonDto } from './people.dto';

/** People of the directory (kept by the mapping service). `import` is declared before `:id`. */
@ApiTags('directory')
@Controller('api/v1/people')
export class PeopleController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'People, optionally filtered by a rule (`?filter=` JSON), in cursor pages' })
  @ApiPageResponse(PersonDto)
  list(@Query() query: ListPeopleQuery): Promise<Page<PersonDto>> {
    return this.directory.listPeople(query);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Import an HR feed (`{format, content}` CSV/JSON text or `{rows}`): upsert by email, with a per-row report',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: ImportPeopleResultDto })
  import(@Body() body: ImportPeopleDto): Promise<ImportPeopleResultDto> {
    return this.directory.importPeople(body);
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'One person' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiOkResponse({ type: PersonDto })
  get(@Param('id', ParseUuidPipe) id: string): Promise<PersonDto> {
    return this.directory.getPerson(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change employment status (terminated needs termination_date), department, job title or directory role' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  @ApiOkResponse({ type: PersonDto })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdatePersonDto): Promise<PersonDto> {
    return this.directory.updatePerson(id, body);
  }
}
