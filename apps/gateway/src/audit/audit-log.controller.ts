import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ApiPageResponse, decodeCursor, pageLimit, toPage, type Page } from '../http/pagination';
import type { AuditEntry } from './audit-entry.entity';
import { AuditEntryDto, AuditLogQueryDto } from './audit-log.dto';
import { AuditLogService } from './audit-log.service';

@ApiTags('audit-log')
@Controller('api/v1/audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditLogService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Mutating requests, newest first, filtered by actor, action and time' })
  @ApiPageResponse(AuditEntryDto)
  async list(@Query() q: AuditLogQueryDto): Promise<Page<AuditEntryDto>> {
    const limit = pageLimit(q);
    const before = decodeCursor(q.cursor, 2) as [string, string] | undefined;
    const rows = await this.audit.query(
      { actor: q.actor, action: q.action, since: q.since ? new Date(q.since) : undefined, until: q.until ? new Date(q.until) : undefined },
      limit,
      before,
    );
    return toPage(rows, limit, (e) => [e.occurredAt.toISOString(), e.id], view);
  }
}

function view(e: AuditEntry): AuditEntryDto {
  return {
    id: e.id,
    occurred_at: e.occurredAt.toISOString(),
    actor_token_id: e.actorTokenId ?? null,
    actor_name: e.actorName ?? null,
    action: e.action,
    target: e.target ?? null,
    status: e.status,
    request_id: e.requestId ?? null,
  };
}
