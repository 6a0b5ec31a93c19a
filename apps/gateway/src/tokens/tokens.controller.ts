import {
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiParam,
} from '@nestjs/swagger';
import type { ApiToken } from '../auth/api-token.entity';
import {
  ApiTokenService,
  LastAdminTokenError,
} from '../auth/api-token.service';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import {
  ApiPageResponse,
  decodeCursor,
  pageLimit,
  PageQueryDto,
  toPage,
  type Page,
} from '../http/pagination';
import { ParseUuidPipe } from '../http/parse-uuid.pipe';
import {
  CreatedTokenDto,
  CreateTokenDto,
  CurrentTokenDto,
  TokenDto,
} from './tokens.dto';

/** API tokens: admins create, list and revoke them; any token may ask who it is. */
@ApiTags('tokens')
@Controller('api/v1/tokens')
export class TokensController {
  constructor(private readonly tokens: ApiTokenService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Create a token; the secret is in this answer only',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CreatedTokenDto })
  async create(
    @Body() body: CreateTokenDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<CreatedTokenDto> {
    const { token, secret } = await this.tokens.issue(
      body.name,
      body.role,
      who.tokenId,
    );
    return { ...view(token), token: secret };
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'List tokens, oldest first (never their secrets)' })
  @ApiPageResponse(TokenDto)
  async list(@Query() query: PageQueryDto): Promise<Page<TokenDto>> {
    const limit = pageLimit(query);
    const after = decodeCursor(query.cursor, 2) as [string, string] | undefined;
    const rows = await this.tokens.list(limit, after);
    return toPage(rows, limit, (t) => [t.createdAt.toISOString(), t.id], view);
  }

  @Get('current')
  @Roles('viewer')
  @ApiOperation({ summary: 'The token making this request' })
  @ApiOkResponse({ type: CurrentTokenDto })
  current(@CurrentPrincipal() who: Principal): CurrentTokenDto {
    return { id: who.tokenId, name: who.tokenName, role: who.role };
  }

  @Delete(':id')
  @Roles('admin')
  @ApiOperation({
    summary: 'Revoke a token: the next request with it is refused',
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiNotFoundResponse({ description: 'No such token' })
  @ApiParam({ name: 'id', type: String, format: 'uuid' })
  async revoke(
    @Param('id', ParseUuidPipe) id: string,
    @CurrentPrincipal() who: Principal,
  ): Promise<TokenDto> {
    try {
      const token = await this.tokens.revoke(id, who.tokenId);
      if (!token) throw new NotFoundException(`No token ${id}`);
      return view(token);
    } catch (e) {
      if (e instanceof LastAdminTokenError)
        throw new ConflictException(e.message);
      throw e;
    }
  }
}

function view(t: ApiToken): TokenDto {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    token_prefix: t.tokenPrefix,
    created_at: t.createdAt.toISOString(),
    created_by: t.createdBy ?? null,
    last_used_at: t.lastUsedAt?.toISOString() ?? null,
    revoked_at: t.revokedAt?.toISOString() ?? null,
  };
}
