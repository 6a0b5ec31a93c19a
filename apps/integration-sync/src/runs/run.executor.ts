import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { SyncBatchFetchedV1, SyncRunFailedV1, SyncRunFetchedV1 } from '@seatkeeper/contracts';
import type { Connector, UserCursor, UserPage } from '@seatkeeper/connector-kit';
import { OutboxWriter } from '@seatkeeper/platform-messaging';
import { PinoLogger } from 'nestjs-pino';
import { IntegrationSyncEnv } from '../config/integration-sync.env';
import { SyncConnectorRegistry } from '../connector/sync-connector.registry';
import { CredentialResolver, CredentialUnavailableError, VaultUnreachableError } from '../credentials/credential.resolver';
import { IntegrationsRepository } from '../integrations/integrations.repository';
import { outcomeOfFetchError, type RunOutcome } from './run-outcome';
import type { RunRow } from './run.row';
import { RunsRepository } from './runs.repository';

/**
 * Fetches one run page by page. Each page commits in one transaction: the seen ids (so a page
 * fetched again after a crash sends only users not sent before), the batch event in the outbox,
 * the page row and the cursor to resume from. Every write is fenced by the run's owner, so a
 * runner that lost its lease cannot write after the one that took over.
 */
@Injectable()
export class RunExecutor {
  constructor(
    private readonly orm: MikroORM,
    private readonly runs: RunsRepository,
    private readonly integrations: IntegrationsRepository,
    private readonly credentials: CredentialResolver,
    private readonly connectors: SyncConnectorRegistry,
    private readonly outbox: OutboxWriter,
    private readonly env: IntegrationSyncEnv,
    private readonly logger: PinoLogger,
  ) {}

  /** Runs until the fetch ends, the lease is lost, or `signal` asks to stop (the run is then resumed elsewhere). */
  async execute(run: RunRow, owner: string, signal: AbortSignal): Promise<void> {
    const integration = await this.integrations.find(this.orm.em.fork(), run.integration_id);
    if (!integration) return;
    const vendor = integration.vendor;
    let connector: Connector;
    try {
      const credential = await this.credentials.forIntegration(integration, { runId: run.id, purpose: 'sync-run' });
      connector = this.connectors.connect(vendor, { region: integration.region, baseUrl: integration.base_url }, credential);
    } catch (e) {
      // An unreachable vault is retried by the worker (RunWorker.onUnexpectedError); a refusal fails the run.
      if (!(e instanceof CredentialUnavailableError) || e instanceof VaultUnreachableError) throw e;
      await this.finish(run, owner, vendor, { kind: 'failed', reason: e.message }, run.requests);
      return;
    }
    // The cursor is the connector's own JSON, stored with each checkpoint and handed back as it was.
    let cursor: UserCursor = run.cursor ?? connector.initialCursor();
    let { batches, fetched } = run;
    const baseRequests = run.requests;
    const requests = (): number => baseRequests + connector.stats.requests;
    // The next page is asked for while this one commits (its cursor is known once it is fetched),
    // so the run moves at the rate budget's pace, not at budget + commit time per page. A page
    // fetched ahead and never committed is fetched again after a resume.
    const ahead = new AbortController();
    const stopAhead = (): void => ahead.abort();
    signal.addEventListener('abort', stopAhead, { once: true });
    const fetchPage = (from: UserCursor): Promise<{ page: UserPage } | { error: unknown }> =>
      connector.nextUsersPage(from, integration.extras, this.env.SYNC_PAGE_SIZE, ahead.signal).then(
        (page) => ({ page }),
        (error: unknown) => ({ error }),
      );
    let next = cursor.done ? null : fetchPage(cursor);
    try {
      while (next) {
        if (signal.aborted) return;
        const fetchedPage = await next;
        next = null;
        if ('error' in fetchedPage) {
          const e = fetchedPage.error;
          if (signal.aborted) return;
          const outcome = outcomeOfFetchError(e);
          if (!outcome) throw e;
          await this.finish(run, owner, vendor, outcome, requests());
          return;
        }
        const { page } = fetchedPage;
        if (!page.cursor.done) next = fetchPage(page.cursor);
        const committed = await this.orm.em.fork().transactional(async (em) => {
          if (!(await this.runs.lockOwned(em, run.id, owner))) return false;
          const fresh = await this.runs.markSeen(em, run.id, page.records.map((r) => r.id));
          const records = page.records.filter((r) => fresh.has(r.id));
          if (records.length) {
            const seq = batches + 1;
            const envelope = await this.outbox.add(
              em,
              SyncBatchFetchedV1,
              {
                runId: run.id,
                integrationId: run.integration_id,
                vendor,
                seq,
                // The integration owns these settings; mapping applies the batch under them.
                recordType: integration.record_type,
                preference: integration.preference,
                records,
              },
              { entityKey: `sync-run:${run.id}` },
            );
            await this.runs.recordPage(em, run.id, seq, records.length, envelope.id);
            batches = seq;
            fetched += records.length;
          }
          await this.runs.checkpoint(em, run.id, {
            cursor: page.cursor,
            batches,
            fetched,
            requests: requests(),
            vendorTotal: page.cursor.total,
            leaseMs: this.env.SYNC_RUN_LEASE_MS,
            warnings: page.warnings,
          });
          return true;
        });
        if (!committed) {
          this.logger.warn({ runId: run.id }, 'run was taken over by another runner; stopping here');
          return;
        }
        cursor = page.cursor;
      }
    } finally {
      // A page asked for ahead of a run that stops here is not needed any more.
      stopAhead();
      signal.removeEventListener('abort', stopAhead);
    }
    const verdict = connector.judgeCompleteness(cursor, fetched);
    await this.finish(run, owner, vendor, verdict.complete ? { kind: 'fetched' } : { kind: 'incomplete', reason: verdict.reason as string }, requests());
  }

  /** Ends a run this runner holds as `failed` (attempts used up); mapping hears where it ends if batches went out. */
  async fail(run: RunRow, owner: string, reason: string): Promise<void> {
    // The run goes with its integration (on delete cascade): no integration, nothing left to close.
    const integration = await this.integrations.find(this.orm.em.fork(), run.integration_id);
    if (!integration) return;
    await this.finish(run, owner, integration.vendor, { kind: 'failed', reason }, run.requests);
  }

  private async finish(run: RunRow, owner: string, vendor: string, outcome: RunOutcome, requests: number): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      const current = await this.runs.lockOwned(em, run.id, owner);
      if (!current) return;
      const failed = outcome.kind === 'failed';
      const reason = outcome.kind === 'fetched' ? null : outcome.reason;
      await this.runs.finishFetch(em, run.id, {
        status: failed ? 'failed' : 'applying',
        complete: outcome.kind === 'fetched',
        reason,
        requests,
        closed: failed,
      });
      // Mapping learns where a run ends whenever it was sent batches; a failed run without batches has nothing to apply.
      if (!failed || current.batches > 0) {
        await this.outbox.add(
          em,
          SyncRunFetchedV1,
          {
            runId: run.id,
            integrationId: run.integration_id,
            vendor,
            batches: current.batches,
            records: current.fetched,
            complete: outcome.kind === 'fetched',
            ...(reason ? { reason: reason.slice(0, 2000) } : {}),
          },
          { entityKey: `sync-run:${run.id}` },
        );
      }
      if (outcome.kind === 'failed') {
        await this.outbox.add(em, SyncRunFailedV1, { runId: run.id, integrationId: run.integration_id, reason: outcome.reason.slice(0, 2000) });
        if (outcome.credentialRejected) await this.integrations.update(em, run.integration_id, { credential_rejected_at: new Date() });
      } else {
        await this.integrations.update(em, run.integration_id, { credential_rejected_at: null });
      }
    });
    this.logger.info({ runId: run.id, outcome: outcome.kind, reason: outcome.kind === 'fetched' ? undefined : outcome.reason }, 'run fetch ended');
  }
}
