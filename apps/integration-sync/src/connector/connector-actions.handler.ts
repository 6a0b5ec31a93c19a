import { Injectable } from '@nestjs/common';
import {
  IntegrationIdRequest,
  PagerDutyTestCredentialRequest,
  SyncIntegrationsSamplePage,
  SyncIntegrationsTest,
  type IntegrationTestResult,
  type SamplePageResult,
  PagerDutyUserRequest,
  PagerDutyUsersRequest,
  PagerDutyRestoreUserRequest,
  SyncConnectorPagerDutyRestoreUser,
  type PagerDutyRestoreResult,
  SyncConnectorPagerDutyDeleteUser,
  SyncConnectorPagerDutyGetUser,
  SyncConnectorPagerDutyListUsers,
  SyncConnectorPagerDutyPreflightDelete,
  SyncConnectorPagerDutyTestCredential,
  type PagerDutyDeleteResult,
  type PagerDutyPreflightResult,
  type PagerDutyUserResult,
  type PagerDutyUsersResult,
} from '@seatkeeper/contracts';
import { OnRequest } from '@seatkeeper/platform-messaging';
import { ConnectorActionsService } from './connector-actions.service';
import { ACTIONS_SUBJECT_VENDOR } from './connector-registrations';

/** `sync.connector.pagerduty.*`: connector actions for workflows and the vault's credential test. */
@Injectable()
export class ConnectorActionsHandler {
  constructor(private readonly actions: ConnectorActionsService) {}

  @OnRequest(SyncConnectorPagerDutyGetUser)
  getUser(req: PagerDutyUserRequest): Promise<PagerDutyUserResult> {
    return this.actions.withIntegration(req.integrationId, async (c) => ({ user: await c.actions.getUser(req.userId) }), req.credentialId);
  }

  @OnRequest(SyncConnectorPagerDutyListUsers)
  listUsers(req: PagerDutyUsersRequest): Promise<PagerDutyUsersResult> {
    return this.actions.withIntegration(req.integrationId, async (c) => {
      const result = await c.actions.listUsersByIds(req.userIds);
      return { users: result.found, missing: result.missing, calls: result.calls };
    }, req.credentialId);
  }

  @OnRequest(SyncConnectorPagerDutyDeleteUser)
  deleteUser(req: PagerDutyUserRequest): Promise<PagerDutyDeleteResult> {
    return this.actions.withIntegration(req.integrationId, (c) => c.actions.deleteUser(req.userId), req.credentialId);
  }

  @OnRequest(SyncConnectorPagerDutyRestoreUser)
  restoreUser(req: PagerDutyRestoreUserRequest): Promise<PagerDutyRestoreResult> {
    return this.actions.withIntegration(req.integrationId, (c) => c.restore.restore(req.kit, req.fromEmail), req.credentialId);
  }

  @OnRequest(SyncConnectorPagerDutyPreflightDelete)
  preflight(req: PagerDutyUserRequest): Promise<PagerDutyPreflightResult> {
    return this.actions.withIntegration(req.integrationId, (c) => c.actions.preflightDelete(req.userId), req.credentialId);
  }

  @OnRequest(SyncConnectorPagerDutyTestCredential)
  testCredential(req: PagerDutyTestCredentialRequest) {
    return this.actions.testCredential(ACTIONS_SUBJECT_VENDOR, req);
  }

  @OnRequest(SyncIntegrationsSamplePage)
  samplePage(req: IntegrationIdRequest): Promise<SamplePageResult> {
    return this.actions.samplePage(req.integrationId);
  }

  @OnRequest(SyncIntegrationsTest)
  testIntegration(req: IntegrationIdRequest): Promise<IntegrationTestResult> {
    return this.actions.testIntegration(req.integrationId);
  }
}
