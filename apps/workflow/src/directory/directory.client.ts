import { Injectable } from '@nestjs/common';
import {
  DirectorySaasAppsGet,
  DirectorySaasUsersCount,
  DirectorySaasUsersDeactivate,
  DirectorySaasUsersList,
  DirectorySaasUsersMarkDeleted,
  DirectorySaasUsersSetRoles,
  type BlockConfigs,
  type Page,
  type SaasUserView,
} from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';

const PAGE = 500;

/** What the Begin block selects, as a directory query: its rule, and for "Active records" only active accounts. */
export function selection(begin: BlockConfigs['begin'], only?: { saasAppId: string; externalId: string }): { filter?: Record<string, unknown>; status?: 'active' } {
  const parts: Record<string, unknown>[] = [];
  if (begin.rule) parts.push(begin.rule);
  if (only) parts.push({ field: 'externalId', op: 'eq', value: only.externalId });
  // A `saas_user.deactivated` trigger is about an account that is no longer active: the scope cannot exclude it.
  const status = begin.trigger === 'saas_user.deactivated' ? undefined : 'active';
  return {
    ...(parts.length === 1 ? { filter: parts[0] } : parts.length > 1 ? { filter: { all: parts } } : {}),
    ...(status ? { status } : {}),
  };
}

/** The directory (mapping) over NATS: selections, counts, and the writes a run makes. */
@Injectable()
export class DirectoryClient {
  constructor(private readonly rpc: RpcClient) {}

  page(sel: ReturnType<typeof selection>, limit: number, cursor?: string, saasAppId?: string): Promise<Page<SaasUserView>> {
    return this.rpc.request(DirectorySaasUsersList, { ...sel, limit, ...(cursor ? { cursor } : {}), ...(saasAppId ? { saasAppId } : {}) });
  }

  async all(sel: ReturnType<typeof selection>, saasAppId?: string): Promise<SaasUserView[]> {
    const out: SaasUserView[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.page(sel, PAGE, cursor, saasAppId);
      out.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  async count(sel: ReturnType<typeof selection>): Promise<number> {
    return (await this.rpc.request(DirectorySaasUsersCount, sel)).count;
  }

  /** The app's SaaS users that are not deleted: the base of the blast-radius percentage. */
  async appSize(saasAppId: string): Promise<number> {
    return (await this.rpc.request(DirectorySaasAppsGet, { saasAppId })).saasUsers;
  }

  setRoles(updates: { saasUserId: string; vendorRole: string }[]) {
    return this.rpc.request(DirectorySaasUsersSetRoles, { updates });
  }

  deactivate(saasUserId: string, reason: string) {
    return this.rpc.request(DirectorySaasUsersDeactivate, { saasUserId, reason: reason.slice(0, 500) });
  }

  markDeleted(saasUserId: string, reason: string) {
    return this.rpc.request(DirectorySaasUsersMarkDeleted, { saasUserId, reason: reason.slice(0, 500) });
  }
}
