import { Injectable } from '@nestjs/common';
import {
  SyncConnectorPagerDutyDeleteUser,
  SyncConnectorPagerDutyGetUser,
  SyncConnectorPagerDutyListUsers,
  SyncConnectorPagerDutyPreflightDelete,
  SyncConnectorPagerDutyRestoreUser,
  SyncIntegrationsGet,
  type IntegrationView,
  type PagerDutyRestoreKit,
} from '@seatkeeper/contracts';
import { RpcClient } from '@seatkeeper/platform-messaging';
import { WorkflowEnv } from '../config/workflow.env';

/** The vendor, reached through integration-sync's connector actions (workflow holds no secrets and no vendor client). */
@Injectable()
export class ConnectorClient {
  constructor(
    private readonly rpc: RpcClient,
    private readonly env: WorkflowEnv,
  ) {}

  private get timeout(): { timeoutMs: number } {
    return { timeoutMs: this.env.WORKFLOW_ACTION_TIMEOUT_MS };
  }

  /** Up to 10,000 ids per request; integration-sync reads them 100 per vendor call. */
  listUsers(integrationId: string, credentialId: string, userIds: string[], idempotencyKey: string) {
    return this.rpc.request(SyncConnectorPagerDutyListUsers, { integrationId, credentialId, userIds, idempotencyKey }, this.timeout);
  }

  getUser(integrationId: string, credentialId: string, userId: string) {
    return this.rpc.request(SyncConnectorPagerDutyGetUser, { integrationId, credentialId, userId }, this.timeout);
  }

  preflight(integrationId: string, credentialId: string, userId: string) {
    return this.rpc.request(SyncConnectorPagerDutyPreflightDelete, { integrationId, credentialId, userId }, this.timeout);
  }

  deleteUser(integrationId: string, credentialId: string, userId: string, idempotencyKey: string) {
    return this.rpc.request(SyncConnectorPagerDutyDeleteUser, { integrationId, credentialId, userId, idempotencyKey }, this.timeout);
  }

  /** Recreates a deleted account from its kit; safe to repeat (integration-sync finds the account by email first). */
  restoreUser(integrationId: string, credentialId: string, kit: PagerDutyRestoreKit, fromEmail: string | undefined, idempotencyKey: string) {
    return this.rpc.request(SyncConnectorPagerDutyRestoreUser, { integrationId, credentialId, kit, idempotencyKey, ...(fromEmail ? { fromEmail } : {}) }, this.timeout);
  }

  integration(integrationId: string): Promise<IntegrationView> {
    return this.rpc.request(SyncIntegrationsGet, { integrationId });
  }
}
