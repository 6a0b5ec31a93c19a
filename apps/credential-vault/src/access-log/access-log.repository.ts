import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccessLogEntry, AccessOutcome } from '@seatkeeper/contracts';
import { Correlation } from '@seatkeeper/platform-observability';
import { v7 as uuidv7 } from 'uuid';

export interface NewAccessLogEntry {
  credentialId: string;
  action: AccessLogEntry['action'];
  callerService: string;
  integrationId?: string | null;
  runId?: string | null;
  workflowId?: string | null;
  workflowRunId?: string | null;
  purpose?: string | null;
  outcome: AccessOutcome;
  errorCode?: string | null;
  errorMessage?: string | null;
}

interface AccessLogRow {
  id: string;
  credential_id: string;
  action: AccessLogEntry['action'];
  caller_service: string;
  integration_id: string | null;
  run_id: string | null;
  workflow_id: string | null;
  workflow_run_id: string | null;
  purpose: string | null;
  outcome: AccessOutcome;
  error_code: string | null;
  error_message: string | null;
  correlation_id: string | null;
  at: Date;
}

/** Append-only record of every use of a secret; written outside the resolving transaction so a failure is kept too. */
export const AccessLogRepository = {
  async insert(em: EntityManager, e: NewAccessLogEntry): Promise<void> {
    await em.execute(
      `insert into access_log (id, credential_id, action, caller_service, integration_id, run_id, workflow_id, workflow_run_id,
         purpose, outcome, error_code, error_message, correlation_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        uuidv7(),
        e.credentialId,
        e.action,
        e.callerService,
        e.integrationId ?? null,
        e.runId ?? null,
        e.workflowId ?? null,
        e.workflowRunId ?? null,
        e.purpose ?? null,
        e.outcome,
        e.errorCode ?? null,
        e.errorMessage ?? null,
        Correlation.current()?.correlationId ?? null,
      ],
    );
  },

  async page(
    em: EntityManager,
    options: { credentialId?: string; outcome?: AccessOutcome; after?: string; limit: number },
  ): Promise<AccessLogEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.credentialId) {
      where.push('credential_id = ?');
      params.push(options.credentialId);
    }
    if (options.outcome) {
      where.push('outcome = ?');
      params.push(options.outcome);
    }
    if (options.after) {
      where.push('id < ?');
      params.push(options.after);
    }
    params.push(options.limit);
    const rows = await em.execute<AccessLogRow[]>(
      `select * from access_log ${where.length ? 'where ' + where.join(' and ') : ''} order by id desc limit ?`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      credentialId: r.credential_id,
      action: r.action,
      callerService: r.caller_service,
      integrationId: r.integration_id,
      runId: r.run_id,
      workflowId: r.workflow_id,
      workflowRunId: r.workflow_run_id,
      purpose: r.purpose,
      outcome: r.outcome,
      errorCode: r.error_code,
      errorMessage: r.error_message,
      correlationId: r.correlation_id,
      at: new Date(r.at).toISOString(),
    }));
  },
};
