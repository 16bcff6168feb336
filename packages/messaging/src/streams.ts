import { JetStreamManager, RetentionPolicy, StorageType, StreamConfig, StreamInfo, nanos } from 'nats';
import { eventsOf, naming, ServiceName } from '@tochka/contracts';

export interface StreamOptions {
  prefix: string;
  storage: 'file' | 'memory';
  /** How long JetStream remembers message ids for dedupe. */
  duplicateWindowMs: number;
  maxAgeMs: number;
  /**
   * Copies of every stream in a NATS cluster (JETSTREAM_REPLICAS; 1 on a single server, 3 on a
   * three-node cluster). Durable consumers inherit their stream's count.
   */
  replicas?: number;
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
    num_replicas: opts.replicas ?? 1,
  };
}

export function deadLetterStreamConfig(opts: StreamOptions): Partial<StreamConfig> & { name: string } {
  return {
    name: naming.deadLetterStream(opts.prefix),
    subjects: [naming.deadLetterSubject(opts.prefix, '>')],
    retention: RetentionPolicy.Limits,
    storage: opts.storage === 'memory' ? StorageType.Memory : StorageType.File,
    max_age: nanos(opts.maxAgeMs),
    num_replicas: opts.replicas ?? 1,
  };
}

/**
 * Create or update a stream; safe when several processes do it at the same time.
 *
 * nats-server 2.9 checks a new stream's name and its subjects in two separate steps, so when two
 * processes create the same stream at once the loser may hear "subjects overlap with an existing
 * stream" (the overlap being with the very stream it wanted) instead of "already in use". Both
 * answers mean "look again"; only an overlap that survives the retries is real, and the error then
 * names the stream in the way.
 */
export async function ensureStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  const attempts = 5;
  for (let attempt = 1; ; attempt++) {
    const info = await streamInfo(jsm, config.name);
    if (info) {
      const same =
        JSON.stringify([...(info.config.subjects ?? [])].sort()) === JSON.stringify([...(config.subjects ?? [])].sort()) &&
        info.config.duplicate_window === config.duplicate_window &&
        info.config.max_age === config.max_age &&
        (info.config.num_replicas ?? 1) === (config.num_replicas ?? 1);
      if (!same) {
        // Storage and retention cannot change on a live stream: update only what may (the
        // replica count may, in a cluster: JetStream adds or drops copies).
        const { storage: _s, retention: _r, ...changeable } = config;
        await jsm.streams.update(config.name, { ...info.config, ...changeable });
      }
      return;
    }
    try {
      await jsm.streams.add(config);
      return;
    } catch (err) {
      if (!isCreateRace(err)) throw err;
      if (attempt >= attempts) {
        const rivals = await overlappingStreams(jsm, config);
        if (rivals.length === 0) throw err;
        throw new Error(
          `stream ${config.name} cannot be created: its subjects overlap with ${rivals.map((r) => `${r.name} ${JSON.stringify(r.subjects)}`).join(', ')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 25 * attempt));
    }
  }
}

async function streamInfo(jsm: JetStreamManager, name: string): Promise<StreamInfo | null> {
  try {
    return await jsm.streams.info(name);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/** Other streams whose subjects collide with the config's. */
async function overlappingStreams(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }) {
  const found: { name: string; subjects: string[] }[] = [];
  for await (const s of jsm.streams.list()) {
    if (s.config.name === config.name) continue;
    const subjects = s.config.subjects ?? [];
    if (subjects.some((a) => (config.subjects ?? []).some((b) => subjectsCollide(a, b)))) found.push({ name: s.config.name, subjects });
  }
  return found;
}

/** Whether two subjects (with `*` and `>` wildcards) can match a common subject. */
export function subjectsCollide(a: string, b: string): boolean {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] === '>' || y[i] === '>') return true;
    if (x[i] === undefined || y[i] === undefined) return false;
    if (x[i] !== '*' && y[i] !== '*' && x[i] !== y[i]) return false;
  }
  return true;
}

const JS_STREAM_NAME_EXIST = 10058;
const JS_STREAM_SUBJECT_OVERLAP = 10065;

function isCreateRace(err: unknown): boolean {
  const e = err as { api_error?: { err_code?: number }; message?: string };
  const code = e?.api_error?.err_code;
  return code === JS_STREAM_NAME_EXIST || code === JS_STREAM_SUBJECT_OVERLAP || /already in use|subjects overlap/i.test(e?.message ?? '');
}

function isNotFound(err: unknown): boolean {
  const e = err as { code?: string; api_error?: { err_code?: number }; message?: string };
  return e?.api_error?.err_code === 10059 || e?.code === '404' || /not found/i.test(e?.message ?? '');
}
