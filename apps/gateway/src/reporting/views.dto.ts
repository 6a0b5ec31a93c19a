import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { REPORTING_ENTITIES, type SavedViewView } from '@seatkeeper/contracts';
import type { SnakeCased } from '../http/public-names';
import { IsJsonRule, MAX_FILTER_QUERY_LENGTH } from '../directory/rule-filter.query';
import { PageQueryDto } from '../http/pagination';
import { ListDefinitionDto, RULE_DESCRIPTION, SortViewDto } from './list.dto';

export class SaveViewDto extends ListDefinitionDto {}

export class ViewRowsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: `Narrows the view (ANDed with its own rule). ${RULE_DESCRIPTION}`, maxLength: MAX_FILTER_QUERY_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_FILTER_QUERY_LENGTH)
  @IsJsonRule()
  filter?: string;

  @ApiPropertyOptional({ description: 'Overrides the view\'s sort: `field:asc` or `field:desc`', example: 'lastActivityAt:desc', maxLength: 110 })
  @IsOptional()
  @IsString()
  @MaxLength(110)
  @Matches(/^[A-Za-z0-9_.]+:(asc|desc)$/, { message: 'sort must be field:asc or field:desc' })
  sort?: string;
}

/** The contract's SavedViewView in snake_case (../http/public-names; `filter` is data). */
export class ViewDto implements SnakeCased<SavedViewView, 'filter'> {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: REPORTING_ENTITIES }) entity!: SavedViewView['entity'];
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) columns!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) filter!: Record<string, unknown> | null;
  @ApiProperty({ type: SortViewDto }) sort!: SortViewDto;
  @ApiProperty({ description: 'One of the views a new install starts with (editable)' }) is_default!: boolean;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}
