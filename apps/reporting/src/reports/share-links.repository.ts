import { raw } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { ShareLink } from './share-link.entity';

/** Share links: ordinary CRUD through the EntityManager, one fork per call. */
@Injectable()
export class ShareLinksRepository {
  constructor(private readonly orm: MikroORM) {}

  async create(reportId: string, expiresAt: Date): Promise<ShareLink> {
    const em = this.orm.em.fork();
    const link = em.create(ShareLink, { id: uuidv7(), reportId, expiresAt });
    await em.flush();
    return link;
  }

  /** Newest first. */
  listOfReport(reportId: string): Promise<ShareLink[]> {
    return this.orm.em.fork().find(ShareLink, { reportId }, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }

  findById(id: string): Promise<ShareLink | null> {
    return this.orm.em.fork().findOne(ShareLink, { id });
  }

  /** Revoked once: revoking again keeps the first time. null when there is no such link. */
  async revoke(id: string): Promise<ShareLink | null> {
    const em = this.orm.em.fork();
    const link = await em.findOne(ShareLink, { id });
    if (!link) return null;
    // The database's clock, as the other times of the link; read back by the update (returning).
    link.revokedAt ??= raw('now()');
    await em.flush();
    return link;
  }
}
