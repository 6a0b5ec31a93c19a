import type { CreateIntegrationRequest, IntegrationView, RunView, ScheduleDto, UpdateIntegrationRequest } from '@seatkeeper/contracts';
import type { IntegrationDto } from './integration-view.dto';
import type { CreateIntegrationDto, ExtrasBodyDto, LocalSecretBodyDto, ScheduleBodyDto, UpdateIntegrationDto } from './integrations.dto';
import type { RunDto } from './runs.dto';

// snake_case bodies → the sync contract's camelCase requests, and its views → snake_case answers.
// Fields left out stay out (undefined), so an update changes only what the client sent.

function toSchedule(s: ScheduleBodyDto | undefined): ScheduleDto | undefined {
  return s && { kind: s.kind, intervalMinutes: s.interval_minutes, timeOfDay: s.time_of_day, timeZone: s.time_zone };
}

function toLocalSecret(l: LocalSecretBodyDto | undefined): CreateIntegrationRequest['localSecret'] {
  return l && { kind: l.kind, name: l.name, authKind: l.auth_kind };
}

function toExtras(e: ExtrasBodyDto | undefined): CreateIntegrationRequest['extras'] {
  return e && { teams: e.teams, licence: e.licence, lastSignIn: e.last_sign_in };
}

export function toCreateRequest(body: CreateIntegrationDto, actor: string): CreateIntegrationRequest {
  return {
    name: body.name,
    vendor: body.vendor,
    recordType: body.record_type,
    installationType: body.installation_type,
    credentialId: body.credential_id,
    localSecret: toLocalSecret(body.local_secret),
    runnerPool: body.runner_pool,
    region: body.region,
    baseUrl: body.base_url,
    preference: body.preference,
    schedule: toSchedule(body.schedule),
    extras: toExtras(body.extras),
    actor,
  };
}

export function toUpdateRequest(integrationId: string, body: UpdateIntegrationDto, actor: string): UpdateIntegrationRequest {
  return {
    integrationId,
    name: body.name,
    recordType: body.record_type,
    credentialId: body.credential_id,
    localSecret: toLocalSecret(body.local_secret),
    runnerPool: body.runner_pool,
    region: body.region,
    baseUrl: body.base_url,
    preference: body.preference,
    schedule: toSchedule(body.schedule),
    extras: toExtras(body.extras),
    actor,
  };
}

export function toIntegrationDto(v: IntegrationView): IntegrationDto {
  return {
    id: v.id,
    name: v.name,
    vendor: v.vendor,
    record_type: v.recordType,
    installation_type: v.installationType,
    credential_id: v.credentialId,
    local_secret: v.localSecret && { kind: v.localSecret.kind, name: v.localSecret.name, auth_kind: v.localSecret.authKind },
    runner_pool: v.runnerPool,
    region: v.region,
    base_url: v.baseUrl,
    preference: v.preference,
    schedule: {
      kind: v.schedule.kind,
      interval_minutes: v.schedule.intervalMinutes,
      time_of_day: v.schedule.timeOfDay,
      time_zone: v.schedule.timeZone,
    },
    extras: { teams: v.extras.teams, licence: v.extras.licence, last_sign_in: v.extras.lastSignIn },
    status: v.status,
    next_run_at: v.nextRunAt,
    last_run: v.lastRun && { id: v.lastRun.id, status: v.lastRun.status, finished_at: v.lastRun.finishedAt },
    created_at: v.createdAt,
    updated_at: v.updatedAt,
  };
}

export function toRunDto(r: RunView): RunDto {
  return {
    id: r.id,
    integration_id: r.integrationId,
    trigger: r.trigger,
    status: r.status,
    progress: r.progress,
    counts: {
      pages: r.counts.pages,
      requests: r.counts.requests,
      fetched: r.counts.fetched,
      vendor_total: r.counts.vendorTotal,
      applied: r.counts.applied,
      quarantined: r.counts.quarantined,
    },
    complete: r.complete,
    reason: r.reason,
    errors: r.errors.map((e) => ({ at: e.at, message: e.message })),
    queued_at: r.queuedAt,
    started_at: r.startedAt,
    fetched_at: r.fetchedAt,
    finished_at: r.finishedAt,
    duration_ms: r.startedAt && r.finishedAt ? Date.parse(r.finishedAt) - Date.parse(r.startedAt) : null,
  };
}
