import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { BlockConfigs, SaasUserView } from '@seatkeeper/contracts';
import { RpcException } from '@seatkeeper/platform-messaging';
import { v7 as uuidv7 } from 'uuid';
import { WorkflowsRepository } from '../definitions/workflows.repository';
import type { Limits } from '../definitions/limits';
import { DirectoryClient, selection } from '../directory/directory.client';
import { Graph } from '../graph/graph';
import { ConnectorClient } from '../vendor/connector.client';
import { overGate } from './gate';
import { pathFrom, type PlannedStep } from './path';
import type { NewStep, RunRow } from './run.rows';
import { RunsRepository } from './runs.repository';


const APPROVAL_HOURS = 72;

/**
 * Makes a run's plan: the records the Begin block selects now and, per record, the step each
 * block would take, with the delete preflight (open incidents, schedules, escalation policies)
 * of every planned vendor delete. Everything is written in one transaction, so a crash while
 * planning leaves nothing half-planned; the plan is then what the run executes.
 */
@Injectable()
export class Planner {
  constructor(
    private readonly orm: MikroORM,
    private readonly workflows: WorkflowsRepository,
    private readonly directory: DirectoryClient,
    private readonly connector: ConnectorClient,
    private readonly runs: RunsRepository,
  ) {}

  async plan(run: RunRow): Promise<void> {
    const version = await this.workflows.version(this.orm.em.fork(), run.workflow_id, run.version);
    const graph = new Graph(version.graph);
    const order = graph.order();
    const begin = graph.begin();
    const sel = selection(begin.config as BlockConfigs['begin'], run.trigger_saas_user ?? undefined);
    const records = await this.directory.all(sel, run.trigger_saas_user?.saasAppId);
    const now = new Date();
    const steps: NewStep[] = [];
    const runLevel = new Map<string, NewStep>();
    for (const rec of records) {
      for (const p of pathFrom(graph, graph.follow(begin.id, 'success'), rec, now)) {
        if (p.runLevel) {
          const existing = runLevel.get(p.blockId) ?? this.step(run.id, p, null, order.get(p.blockId) ?? 0, { records: [] });
          (existing.detail?.['records'] as string[]).push(rec.id);
          runLevel.set(p.blockId, existing);
        } else steps.push(this.step(run.id, p, rec.id, order.get(p.blockId) ?? 0, p.detail));
      }
    }
    steps.push(...runLevel.values());
    await this.preflight(graph, steps, new Map(records.map((r) => [r.id, r])));

    await this.orm.em.fork().transactional(async (em) => {
      const current = await this.runs.run(em, run.id, true);
      if (current.status !== 'planning') return; // cancelled while planning
      await this.insert(em, run.id, records, steps);
      await this.runs.setRecordCount(em, run.id, records.length);
      if (run.dry_run) {
        await this.runs.transition(em, run.id, 'planned', { event: 'started' });
        return;
      }
      await this.runs.transition(em, run.id, 'running', { event: 'started' });
      await this.gate(em, run.id, version.limits, records, steps);
    });
  }

  /** The blast-radius gate over the plan: deletes and deactivations per app against the workflow's limits. */
  async gate(em: EntityManager, runId: string, limits: Limits, records: Pick<SaasUserView, 'id' | 'saasAppId'>[], steps: { action: string; saasUserId: string | null }[]): Promise<boolean> {
    const run = await this.runs.run(em, runId);
    if (run.approved_gates.includes('plan')) return false;
    const app = new Map(records.map((r) => [r.id, r.saasAppId]));
    const counts = new Map<string, number>();
    const destructiveRecords = new Set(steps.filter((s) => (s.action === 'vendor_delete' || s.action === 'deactivate') && s.saasUserId).map((s) => s.saasUserId as string));
    for (const id of destructiveRecords) counts.set(app.get(id) as string, (counts.get(app.get(id) as string) ?? 0) + 1);
    const sizes = new Map<string, number>();
    for (const saasAppId of counts.keys()) sizes.set(saasAppId, await this.directory.appSize(saasAppId));
    const verdict = overGate(counts, sizes, limits, 'The plan deletes or deactivates');
    if (!verdict) return false;
    await this.runs.transition(em, runId, 'awaiting_approval', {
      reason: verdict.reason,
      approval: { kind: 'gate', key: 'plan', blockId: null, expiresAt: new Date(Date.now() + APPROVAL_HOURS * 3_600_000).toISOString(), destructive: verdict.destructive, limit: verdict.limit },
    });
    return true;
  }

  private step(runId: string, p: PlannedStep, saasUserId: string | null, seq: number, detail: Record<string, unknown> | null): NewStep {
    return { ...p, id: uuidv7(), seq, saasUserId, detail, key: `${runId}:${p.blockId}:${saasUserId ?? 'run'}` };
  }

  /** What each planned delete would break, read from the vendor now, shown in the plan. */
  private async preflight(graph: Graph, steps: NewStep[], records: Map<string, SaasUserView>): Promise<void> {
    for (const s of steps) {
      if (s.action !== 'vendor_delete' || !s.saasUserId) continue;
      const rec = records.get(s.saasUserId) as SaasUserView;
      const cfg = graph.block(s.blockId).config as BlockConfigs['api'];
      if (!rec.integrationId) {
        s.detail = { preflight: null, warning: 'no integration syncs this account; the delete will be skipped' };
        continue;
      }
      try {
        const p = await this.connector.preflight(rec.integrationId, cfg.credentialId, rec.externalId);
        s.detail = { preflight: { exists: p.exists, clear: p.clear, openIncidents: p.openIncidents, schedules: p.schedules, escalationPolicies: p.escalationPolicies } };
      } catch (e) {
        s.detail = { preflight: null, warning: `preflight failed: ${e instanceof RpcException ? `${e.code}: ${e.message}` : (e as Error).message}` };
      }
    }
  }

  private async insert(em: EntityManager, runId: string, records: SaasUserView[], steps: NewStep[]): Promise<void> {
    await this.runs.insertRecords(
      em,
      runId,
      records.map((r) => ({
        saas_user_id: r.id,
        saas_app_id: r.saasAppId,
        integration_id: r.integrationId,
        external_id: r.externalId,
        email: r.email,
        person_id: r.person?.id ?? null,
        snapshot: r,
      })),
    );
    await this.runs.insertSteps(em, runId, steps);
  }
}
