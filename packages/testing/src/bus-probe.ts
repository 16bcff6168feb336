import { connect, headers as natsHeaders, JsMsg, MsgHdrs, NatsConnection, StoredMsg } from 'nats';
import { EventEnvelope, naming, ServiceName } from '@tochka/contracts';

export interface StoredEvent {
  seq: number;
  subject: string;
  envelope: EventEnvelope;
  headers: Record<string, string>;
}

/** Reads streams as they are stored, for assertions on exactly what was published. */
export class BusProbe {
  private constructor(
    readonly nc: NatsConnection,
    private readonly prefix: string,
  ) {}

  static async connect(env: { natsUrl: string; prefix: string }): Promise<BusProbe> {
    return new BusProbe(await connect({ servers: env.natsUrl }), env.prefix);
  }

  /** Every event a producer published, in stream order. */
  async events(producer: ServiceName): Promise<StoredEvent[]> {
    return this.read(naming.streamName(this.prefix, producer));
  }

  async deadLetters(): Promise<StoredEvent[]> {
    return this.read(naming.deadLetterStream(this.prefix));
  }

  async close(): Promise<void> {
    await this.nc.close();
  }

  /** A raw core-NATS request with the headers given; the reply parsed as JSON. */
  async request(subject: string, body: unknown, headers: Record<string, string> = {}): Promise<any> {
    const h = natsHeaders();
    for (const [k, v] of Object.entries(headers)) h.set(k, v);
    const reply = await this.nc.request(subject, JSON.stringify(body), { headers: h, timeout: 10_000 });
    return JSON.parse(reply.string());
  }

  /** A responder that takes every request on `subject` and never answers; the headers of each, in order. */
  async neverAnswer(subject: string): Promise<Record<string, string>[]> {
    const received: Record<string, string>[] = [];
    this.nc.subscribe(subject, { callback: (_err, msg) => received.push(headersOf(msg.headers)) });
    await this.nc.flush();
    return received;
  }

  private async read(stream: string): Promise<StoredEvent[]> {
    const jsm = await this.nc.jetstreamManager();
    let info: Awaited<ReturnType<typeof jsm.streams.info>>;
    try {
      info = await jsm.streams.info(stream);
    } catch {
      return [];
    }
    const out: StoredEvent[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      let msg: StoredMsg;
      try {
        msg = await jsm.streams.getMessage(stream, { seq });
      } catch {
        continue; // deleted
      }
      out.push({ seq, subject: msg.subject, envelope: JSON.parse(msg.string()), headers: headersOf(msg.header) });
    }
    return out;
  }
}

function headersOf(h: MsgHdrs | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  for (const key of h.keys()) out[key] = h.get(key);
  return out;
}

export type { JsMsg };

/**
 * Poll until `check` returns a truthy value (or stops throwing), or fail after `timeoutMs` —
 * by default 30 s: generous for a loaded CI machine; a passing test never waits it out.
 */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 30_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      lastError = new Error('condition still false');
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
