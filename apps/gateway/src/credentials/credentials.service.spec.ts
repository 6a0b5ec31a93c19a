import type { CredentialView } from '@seatkeeper/contracts';
import { plainToInstance } from 'class-transformer';
import { fakeRpc } from '../../test/support/fake-rpc';
import type { ParentLookup } from '../http/parent-exists';
import { AccessLogQuery, CreateCredentialDto, ReplaceSecretDto, TestCredentialDto } from './credentials.dto';
import { CredentialsService } from './credentials.service';

const view: CredentialView = {
  id: 'c1',
  name: 'PagerDuty production',
  vendor: 'pagerduty',
  description: null,
  type: 'oauth2_client_credentials',
  preset: 'pagerduty_oauth',
  storage: 'vault',
  settings: { oauth2: { tokenUrl: 'https://identity.pagerduty.com/oauth/token', clientId: 'cid', scopes: ['users.read'] } },
  localReference: null,
  secretHint: '••••9f3a',
  secretVersion: 1,
  secretStoredIn: 'Encrypted in the vault',
  createdBy: 'admin',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'admin',
  updatedAt: '2026-01-01T00:00:00.000Z',
  lastUsedAt: null,
  lastTest: { at: '2026-01-02T00:00:00.000Z', ok: true, message: 'OK' },
};

const publicView = {
  id: 'c1',
  name: 'PagerDuty production',
  vendor: 'pagerduty',
  description: null,
  type: 'oauth2_client_credentials',
  preset: 'pagerduty_oauth',
  storage: 'vault',
  settings: { oauth2: { token_url: 'https://identity.pagerduty.com/oauth/token', client_id: 'cid', scopes: ['users.read'] } },
  local_reference: null,
  secret_hint: '••••9f3a',
  secret_version: 1,
  secret_stored_in: 'Encrypted in the vault',
  created_by: 'admin',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_by: 'admin',
  updated_at: '2026-01-01T00:00:00.000Z',
  last_used_at: null,
  last_test: { at: '2026-01-02T00:00:00.000Z', ok: true, message: 'OK' },
};

function serviceWith(replies: Record<string, unknown>) {
  const { rpc, sent } = fakeRpc(replies);
  const parents = { credential: jest.fn(() => Promise.resolve()) };
  return { service: new CredentialsService(rpc, parents as unknown as ParentLookup), sent, parents };
}

describe(CredentialsService.name, () => {
  it('hands a snake_case body to the vault in its camelCase contract and answers in snake_case', async () => {
    const { service, sent } = serviceWith({ 'vault.credentials.create': view });
    const body = plainToInstance(CreateCredentialDto, {
      name: 'PagerDuty production',
      vendor: 'pagerduty',
      type: 'oauth2_client_credentials',
      preset: 'pagerduty_oauth',
      settings: { oauth2: { token_url: 'https://identity.pagerduty.com/oauth/token', client_id: 'cid', scopes: ['users.read'] }, api_key: { header_name: 'X-Key', value_template: 'k {{secret}}' } },
      secret: 's3cret',
      local_reference: { kind: 'env', name: 'PD' },
    });
    await expect(service.create(body, 'admin [token t1]')).resolves.toEqual(publicView);
    expect(sent).toEqual([
      {
        subject: 'vault.credentials.create',
        payload: {
          actor: 'admin [token t1]',
          name: 'PagerDuty production',
          vendor: 'pagerduty',
          type: 'oauth2_client_credentials',
          preset: 'pagerduty_oauth',
          settings: { oauth2: { tokenUrl: 'https://identity.pagerduty.com/oauth/token', clientId: 'cid', scopes: ['users.read'] }, apiKey: { headerName: 'X-Key', valueTemplate: 'k {{secret}}' } },
          secret: 's3cret',
          localReference: { kind: 'env', name: 'PD' },
        },
      },
    ]);
  });

  it('replaces the secret, tests against a region or base URL, lists and deletes with the contract names', async () => {
    const { service, sent } = serviceWith({
      'vault.credentials.replace-secret': view,
      'vault.credentials.test': { credentialId: 'c1', ok: false, status: 401, message: 'Unauthorized', endpoint: 'https://api.eu.pagerduty.com', testedAt: 't' },
      'vault.credentials.list': { data: [view], next_cursor: 'abc' },
      'vault.credentials.delete': { id: 'c1', deleted: true },
    });
    await service.replaceSecret('c1', plainToInstance(ReplaceSecretDto, { local_reference: { kind: 'file', name: '/run/pd' } }), 'a');
    await expect(service.test('c1', plainToInstance(TestCredentialDto, { base_url: 'https://api.eu.pagerduty.com' }), 'a')).resolves.toEqual({
      credential_id: 'c1',
      ok: false,
      status: 401,
      message: 'Unauthorized',
      endpoint: 'https://api.eu.pagerduty.com',
      tested_at: 't',
    });
    await expect(service.list({ limit: 10, vendor: 'pagerduty' })).resolves.toEqual({ data: [publicView], next_cursor: 'abc' });
    await expect(service.delete('c1', 'a')).resolves.toEqual({ id: 'c1', deleted: true });
    expect(sent.map((s) => s.payload)).toEqual([
      { id: 'c1', actor: 'a', localReference: { kind: 'file', name: '/run/pd' } },
      { id: 'c1', actor: 'a', baseUrl: 'https://api.eu.pagerduty.com' },
      { limit: 10, vendor: 'pagerduty' },
      { id: 'c1', actor: 'a' },
    ]);
  });

  it("asks for a credential's access log only after finding the credential, and names the key ring in snake_case", async () => {
    const entry = { id: 'e1', credentialId: 'c1', action: 'resolve', callerService: 'integration-sync', integrationId: 'i1', runId: null, workflowId: null, workflowRunId: null, purpose: 'sync-run', outcome: 'granted', errorCode: null, errorMessage: null, correlationId: 'r1', at: 't' };
    const ring = { activeVersion: 'v2', keys: [{ version: 'v2', state: 'active', inRing: true, wrappedDataKeys: 3, activatedAt: 't', retiredAt: null }] };
    const { service, sent, parents } = serviceWith({
      'vault.access-log.list': { data: [entry], next_cursor: null },
      'vault.keys.status': ring,
      'vault.keys.rotate': { ...ring, fromVersions: ['v1'], rewrapped: 3 },
    });
    const publicEntry = { id: 'e1', credential_id: 'c1', action: 'resolve', caller_service: 'integration-sync', integration_id: 'i1', run_id: null, workflow_id: null, workflow_run_id: null, purpose: 'sync-run', outcome: 'granted', error_code: null, error_message: null, correlation_id: 'r1', at: 't' };
    await expect(service.accessLogOf('c1', { limit: 5 })).resolves.toEqual({ data: [publicEntry], next_cursor: null });
    expect(parents.credential).toHaveBeenCalledWith('c1');
    await service.accessLog(plainToInstance(AccessLogQuery, { credential_id: 'c1', outcome: 'denied', cursor: 'x' }));
    const publicRing = { active_version: 'v2', keys: [{ version: 'v2', state: 'active', in_ring: true, wrapped_data_keys: 3, activated_at: 't', retired_at: null }] };
    await expect(service.keys()).resolves.toEqual(publicRing);
    await expect(service.rotate({ to_version: 'v2' }, 'a')).resolves.toEqual({ ...publicRing, from_versions: ['v1'], rewrapped: 3 });
    expect(sent.map((s) => s.payload)).toEqual([
      { limit: 5, credentialId: 'c1' },
      { credentialId: 'c1', outcome: 'denied', cursor: 'x' },
      {},
      { toVersion: 'v2', actor: 'a' },
    ]);
  });
});
