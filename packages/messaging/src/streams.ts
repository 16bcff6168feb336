import { JetStreamManager, RetentionPolicy, StorageType, StreamConfig, nanos } from 'nats';
import { eventsOf, naming, ServiceName } from '@tochka/contracts';

export interface StreamOptions {
  prefix: string;
  storage: 'file' | 'memory';
  /** How long JetStream remembers message ids for dedupe. */
  duplicateWindowMs: number;
  maxAgeMs: number;
}

/** The stream of one producing service: exactly the subjects of its event contracts. */
export function producerStreamConfig(producer: ServiceName, opts: StreamOptions): Partial<StreamConfig> & { name: string } {
  return {
    name: naming.streamName(opts.prefix, producer),
    subjects: eventsOf(producer).map((c) => naming.eventSubject(opts.prefix, c.name)),
    retention: RetentionPolicy.Limits,
    storage: opts.storage === 'memory' ? StorageType.Memory : StorageType.File,
    duplicate_window: nanos(opts.duplicateWindowMs),
    max_age: nanos(opts.maxAgeMs),
  };
}

export function deadLetterStreamConfig(opts: StreamOptions): Partial<StreamConfig> & { name: string } {
  return {
    name: naming.deadLetterStream(opts.prefix),
    subjects: [naming.deadLetterSubject(opts.prefix, '>')],
    retention: RetentionPolicy.Limits,
    storage: opts.storage === 'memory' ? StorageType.Memory : StorageType.File,
    max_age: nanos(opts.maxAgeMs),
  };
}

/** Create or update a stream; safe when several services do it at the same time. */
export async function ensureStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const info = await jsm.streams.info(config.name);
      const same =
        JSON.stringify([...(info.config.subjects ?? [])].sort()) === JSON.stringify([...(config.subjects ?? [])].sort()) &&
        info.config.duplicate_window === config.duplicate_window &&
        info.config.max_age === config.max_age;
      if (!same) {
        // Storage and retention cannot change on a live stream: update only what may.
        const { storage: _s, retention: _r, ...changeable } = config;
        await jsm.streams.update(config.name, { ...info.config, ...changeable });
      }
      return;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    try {
      await jsm.streams.add(config);
      return;
    } catch (err) {
      // Another process created it between our info and add: look again.
      if (!String((err as Error).message).includes('already in use')) throw err;
    }
  }
}

function isNotFound(err: unknown): boolean {
  const e = err as { code?: string; api_error?: { err_code?: number }; message?: string };
  return e?.api_error?.err_code === 10059 || e?.code === '404' || /not found/i.test(e?.message ?? '');
}
