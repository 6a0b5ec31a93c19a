import { DiscardPolicy, nanos, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from 'nats';

export interface StreamSpec {
  name: string;
  subjects: string[];
}

const DUPLICATE_WINDOW_MS = 2 * 60 * 1000;
const MAX_AGE_MS = 14 * 24 * 3600 * 1000;

/**
 * Streams as code: creates each stream, or updates it when its subjects grew (a new event type),
 * so that every start of every replica converges on the same topology.
 */
export async function ensureStreams(jsm: JetStreamManager, specs: StreamSpec[]): Promise<void> {
  for (const spec of specs) {
    const wanted: Partial<StreamConfig> = {
      name: spec.name,
      subjects: spec.subjects,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
      max_age: nanos(MAX_AGE_MS),
    };
    const existing = await jsm.streams.info(spec.name).catch((e: unknown) => {
      if (isNotFound(e)) return undefined;
      throw e;
    });
    if (!existing) {
      try {
        await jsm.streams.add(wanted);
      } catch (e) {
        // Another replica created it between our look and our add.
        if (!String((e as Error).message).includes('already in use')) throw e;
      }
      continue;
    }
    const subjects = [...new Set([...existing.config.subjects, ...spec.subjects])];
    if (subjects.length !== existing.config.subjects.length) {
      await jsm.streams.update(spec.name, { ...existing.config, subjects });
    }
  }
}

function isNotFound(e: unknown): boolean {
  const err = e as { code?: string; api_error?: { err_code?: number } };
  return err.code === '404' || err.api_error?.err_code === 10059;
}
