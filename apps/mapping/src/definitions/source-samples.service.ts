import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RpcErrorCode, SyncIntegrationsSamplePage, type SourceFieldsResult } from '@seatkeeper/contracts';
import { RpcClient, RpcException } from '@seatkeeper/platform-messaging';
import { collectSamples, sourceFieldTypes } from '../mapping/source-fields';
import { DefinitionRepository } from './definition.repository';

/** A sample page is a few vendor calls (users, licences, analytics) behind integration-sync's rate budget. */
const SAMPLE_TIMEOUT_MS = 20_000;

/**
 * The source fields Smart Mapping works from, for any integration: the latest run's samples (kept on
 * the mapping definition) when there are some, else one page read from the vendor now through the
 * integration's credential (`sync.integrations.sample-page`). The vendor page is shown, not stored:
 * the directory and the definition are untouched, so an admin may open an empty mapping page as often
 * as they like (each opening is one small read against the integration's rate budget).
 */
@Injectable()
export class SourceSamplesService {
  constructor(
    private readonly orm: MikroORM,
    private readonly definitions: DefinitionRepository,
    private readonly rpc: RpcClient,
  ) {}

  async sourceFields(integrationId: string): Promise<SourceFieldsResult> {
    const def = await this.definitions.find(this.orm.em.fork(), integrationId);
    if (def?.samplesRunId) {
      return { integrationId, vendor: def.vendor, sourceFields: fieldsOf(def.vendor, def.sourceSamples), samplesFrom: 'run', samplesFromRunId: def.samplesRunId };
    }
    let page;
    try {
      page = await this.rpc.request(SyncIntegrationsSamplePage, { integrationId }, { timeoutMs: SAMPLE_TIMEOUT_MS });
    } catch (e) {
      if (e instanceof RpcException && e.code === RpcErrorCode.NotFound) throw new RpcException(RpcErrorCode.NotFound, `Integration ${integrationId} does not exist`);
      throw e;
    }
    if (page.error !== undefined || page.records.length === 0) {
      // The connector's known fields still help: the admin can map them before the vendor answers.
      return {
        integrationId,
        vendor: page.vendor,
        sourceFields: fieldsOf(page.vendor, {}),
        samplesFrom: 'none',
        samplesFromRunId: null,
        samplesError: page.error ?? `The vendor (${page.endpoint}) returned no records to sample`,
      };
    }
    const samples = collectSamples(page.records);
    return { integrationId, vendor: page.vendor, sourceFields: fieldsOf(page.vendor, samples), samplesFrom: 'vendor_sample', samplesFromRunId: null };
  }
}

function fieldsOf(vendor: string, samples: Record<string, unknown>): { name: string; sample: unknown }[] {
  return Object.keys(sourceFieldTypes(vendor, samples)).map((name) => ({ name, sample: samples[name] ?? null }));
}
