import { Injectable } from '@nestjs/common';
import type { CreatedShareLinkView, ReportRowsView, ShareLinkView } from '@seatkeeper/contracts';
import { PinoLogger } from 'nestjs-pino';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isoOf } from '../catalog/list-query';
import { ReportingErrorCode, ReportingException } from '../catalog/reporting.exception';
import { ReportingEnv } from '../config/reporting.env';
import { ReportsService } from './reports.service';
import { ShareLink } from './share-link.entity';
import { ShareLinksRepository } from './share-links.repository';

const toView = (r: ShareLink): ShareLinkView => ({
  id: r.id,
  reportId: r.reportId,
  expiresAt: isoOf(r.expiresAt),
  revokedAt: r.revokedAt ? isoOf(r.revokedAt) : null,
  createdAt: isoOf(r.createdAt),
});

/**
 * Share links: `<link id>.<expiry, unix s>.<HMAC-SHA256 of both, base64url>`. The signature makes
 * a tampered token fail before any lookup; the row makes it revocable; the expiry is checked from
 * the row (the signed copy only has to agree). A token opens one report's rows and nothing else.
 */
@Injectable()
export class ShareLinksService {
  private readonly key: Buffer;

  constructor(
    private readonly links: ShareLinksRepository,
    private readonly reports: ReportsService,
    env: ReportingEnv,
    logger: PinoLogger,
  ) {
    if (env.REPORTING_SHARE_LINK_KEY) this.key = Buffer.from(env.REPORTING_SHARE_LINK_KEY, 'utf8');
    else if (env.REPORTING_SHARE_LINK_KEY_FILE) this.key = Buffer.from(readFileSync(env.REPORTING_SHARE_LINK_KEY_FILE, 'utf8').trim(), 'utf8');
    else {
      this.key = randomBytes(32);
      logger.warn('REPORTING_SHARE_LINK_KEY is not set: share links are signed with an ephemeral key and die with this process');
    }
  }

  async create(reportId: string, expiresInHours: number, now = new Date()): Promise<CreatedShareLinkView> {
    await this.reports.row(reportId);
    const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + expiresInHours * 3600_000);
    const row = await this.links.create(reportId, expiresAt);
    return { ...toView(row), token: this.sign(row.id, row.expiresAt) };
  }

  async list(reportId: string): Promise<{ data: ShareLinkView[] }> {
    await this.reports.row(reportId);
    return { data: (await this.links.listOfReport(reportId)).map(toView) };
  }

  async revoke(id: string): Promise<ShareLinkView> {
    const link = await this.links.revoke(id);
    if (!link) throw new ReportingException(ReportingErrorCode.ShareLinkNotFound, `No share link ${id}`);
    return toView(link);
  }

  async rows(token: string, limit?: number, cursor?: string, now = new Date()): Promise<ReportRowsView> {
    const link = await this.open(token, now);
    return this.reports.rowsOf(link.reportId, limit, cursor);
  }

  private async open(token: string, now: Date): Promise<ShareLink> {
    const invalid = () => new ReportingException(ReportingErrorCode.ShareLinkInvalid, 'This share link is not valid');
    const [id, exp, sig] = token.split('.');
    if (!id || !exp || !sig || !/^[0-9a-f-]{36}$/.test(id) || !/^\d{1,12}$/.test(exp)) throw invalid();
    const expected = Buffer.from(this.signature(id, exp), 'base64url');
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    const row = await this.links.findById(id);
    const expiresAt = row ? row.expiresAt.getTime() : 0;
    if (!row || Math.floor(expiresAt / 1000) !== Number(exp)) throw invalid();
    if (row.revokedAt) throw new ReportingException(ReportingErrorCode.ShareLinkRevoked, 'This share link was revoked');
    if (expiresAt <= now.getTime()) throw new ReportingException(ReportingErrorCode.ShareLinkExpired, 'This share link has expired');
    return row;
  }

  private sign(id: string, expiresAt: Date): string {
    const exp = String(Math.floor(expiresAt.getTime() / 1000));
    return `${id}.${exp}.${this.signature(id, exp)}`;
  }

  private signature(id: string, exp: string): string {
    return createHmac('sha256', this.key).update(`${id}.${exp}`).digest('base64url');
  }
}
