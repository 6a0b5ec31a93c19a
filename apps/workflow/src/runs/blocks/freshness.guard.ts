import { Injectable } from '@nestjs/common';
import { RpcException } from '@seatkeeper/platform-messaging';
import { ConnectorClient } from '../../vendor/connector.client';
import { staleReason } from '../freshness';
import type { RecordRow } from '../run.rows';

/** Destructive steps act only on complete, fresh data: asks integration-sync about each app's last sync. */
@Injectable()
export class FreshnessGuard {
  constructor(private readonly connector: ConnectorClient) {}

  /** Null when every integration behind these records synced completely and recently enough; else the reason. */
  async refusal(records: RecordRow[]): Promise<string | null> {
    const integrations = [...new Set(records.flatMap((r) => (r.integration_id ? [r.integration_id] : [])))];
    for (const id of integrations) {
      try {
        const why = staleReason(await this.connector.integration(id), new Date());
        if (why) return why;
      } catch (e) {
        return `cannot tell whether the data of integration ${id} is fresh (${e instanceof RpcException ? `${e.code}: ${e.message}` : (e as Error).message})`;
      }
    }
    return null;
  }
}
