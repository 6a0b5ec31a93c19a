import { applyDecorators, BadRequestException, type Type as ClassType } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

/**
 * `?limit=&cursor=` of every list route. Extend it for filters:
 *   class ListThingsQuery extends PageQueryDto { @IsOptional() @IsString() @MaxLength(100) status?: string }
 */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque; the `next_cursor` of the previous page', maxLength: 512 })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a cursor returned as next_cursor' })
  cursor?: string;
}

/** The body of every list response. */
export interface Page<T> {
  data: T[];
  /** null on the last page. */
  next_cursor: string | null;
}

/** A cursor is the sort key of the last row served, base64url JSON: opaque to clients, stable to us. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor; a forged or damaged one is a 400 naming `cursor`. */
export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string' || typeof k === 'number')) {
      return key as (string | number)[];
    }
  } catch {
    // fall through: reported as a validation error below
  }
  throw new BadRequestException([{ field: 'cursor', messages: ['cursor must be a cursor returned as next_cursor'] }]);
}

export function pageLimit(query: PageQueryDto): number {
  return query.limit ?? DEFAULT_PAGE_LIMIT;
}

/**
 * Builds a page from rows fetched with `LIMIT limit + 1` ordered by the key: the extra row only
 * tells whether another page exists.
 */
export function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => (string | number)[], view: (row: R) => T): Page<T> {
  const served = rows.slice(0, limit);
  const last = served[served.length - 1];
  return { data: served.map(view), next_cursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

/** OpenAPI for a list route: `@ApiPageResponse(ThingDto)` documents `{ data: ThingDto[], next_cursor }`. */
export function ApiPageResponse(item: ClassType<unknown>) {
  return applyDecorators(
    ApiExtraModels(PageMetaDto, item),
    ApiOkResponse({
      schema: {
        allOf: [
          { $ref: getSchemaPath(PageMetaDto) },
          { properties: { data: { type: 'array', items: { $ref: getSchemaPath(item) } } }, required: ['data'] },
        ],
      },
    }),
  );
}

class PageMetaDto {
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  next_cursor!: string | null;
}
