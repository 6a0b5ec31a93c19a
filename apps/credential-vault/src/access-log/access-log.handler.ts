import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { VaultAccessLogList, type AccessLogPage, type ListAccessLogRequest } from '@seatkeeper/contracts';
import { OnRequest } from '@seatkeeper/platform-messaging';
import { decodeCursor, pageOf } from '../pagination';
import { AccessLogRepository } from './access-log.repository';

/** `vault.access-log.list`: who used which secret, for what, with what outcome (admins, via the gateway). */
@Injectable()
export class AccessLogHandler {
  constructor(private readonly orm: MikroORM) {}

  @OnRequest(VaultAccessLogList)
  async list(req: ListAccessLogRequest): Promise<AccessLogPage> {
    const limit = req.limit ?? 100;
    const rows = await AccessLogRepository.page(this.orm.em.fork(), {
      credentialId: req.credentialId,
      outcome: req.outcome,
      after: decodeCursor(req.cursor),
      limit: limit + 1,
    });
    return pageOf(rows, limit);
  }
}
