import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  RpcErrorCode,
  SaasUserDeletedV1,
  SaasUserUpdatedV1,
  type CountSaasUsersRequest,
  type MarkSaasUserDeletedRequest,
  type SaasUserView,
  type SetSaasUserRolesRequest,
} from '@seatkeeper/contracts';
import { OutboxWriter, RpcException } from '@seatkeeper/platform-messaging';
import { SAAS_USERS_CATALOG } from './directory.catalogs';
import { checkedFilter } from './directory-filter';
import { DirectoryService } from './directory.service';
import { saasUserSnapshot } from './rows';
import { SaasUserRepository } from './saas-user.repository';

/** What workflows ask of the directory: counts for previews and the gate, roles read from the vendor, deletions done in the vendor. */
@Injectable()
export class SaasUserCommandsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly outbox: OutboxWriter,
    private readonly directory: DirectoryService,
    private readonly saasUsers: SaasUserRepository,
  ) {}

  async count(req: CountSaasUsersRequest): Promise<{ count: number }> {
    const count = await this.saasUsers.count(this.orm.em.fork(), {
      filter: checkedFilter(req.filter, SAAS_USERS_CATALOG),
      saasAppId: req.saasAppId,
      status: req.status,
    });
    return { count };
  }

  /** One statement for the batch; an event per account whose role really changed. Deleted accounts are left alone. */
  async setRoles(req: SetSaasUserRolesRequest): Promise<{ updated: number; unchanged: number; missing: string[] }> {
    return this.orm.em.fork().transactional(async (em) => {
      const ids = req.updates.map((u) => u.saasUserId);
      const changed = await this.saasUsers.setRoles(em, req.updates);
      const knownIds = new Set(await this.saasUsers.existingIds(em, ids));
      await this.outbox.addMany(
        em,
        SaasUserUpdatedV1,
        changed.map((row) => ({
          data: saasUserSnapshot(row, row.vendor, { vendorRole: { from: row.old_role, to: row.vendor_role } }),
          entityKey: `saas-user:${row.id}`,
        })),
      );
      const missing = ids.filter((id) => !knownIds.has(id));
      return { updated: changed.length, unchanged: ids.length - changed.length - missing.length, missing };
    });
  }

  async markDeleted(req: MarkSaasUserDeletedRequest): Promise<SaasUserView> {
    return this.orm.em.fork().transactional(async (em) => {
      const su = await this.saasUsers.lockWithVendor(em, req.saasUserId);
      if (!su) throw new RpcException(RpcErrorCode.NotFound, `No SaaS user ${req.saasUserId}`);
      if (su.status === 'deleted') return this.directory.getSaasUser(req.saasUserId, em);
      const updated = await this.saasUsers.markDeleted(em, req.saasUserId, req.reason);
      await this.outbox.add(em, SaasUserDeletedV1, saasUserSnapshot(updated, su.vendor, { status: 'deleted', deactivatedReason: req.reason }), {
        entityKey: `saas-user:${req.saasUserId}`,
      });
      return this.directory.getSaasUser(req.saasUserId, em);
    });
  }
}
