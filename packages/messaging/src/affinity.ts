import { randomBytes } from 'node:crypto';
import { NatsConnection, Subscription } from 'nats';
import { naming } from '@tochka/contracts';

/**
 * Requests with the same affinity key (an RPC contract's `affinity` field, e.g. the event of a
 * registration) go to the same instance of a service while it lives, so one event's requests
 * are decided in one process: batched together, on the ledger that process already holds,
 * instead of two instances taking each other's versions. Only a preference — every instance
 * still answers every request correctly (the queue group is the fallback):
 * - each instance of a service that has such RPCs says every PRESENCE_INTERVAL_MS that it is
 *   alive (`<prefix>.presence.<service>`, core NATS), and goodbye when it stops; it also answers
 *   those RPCs on its own subject (`<prefix>.rpc.<name>.instance.<id>`);
 * - a caller keeps the instances it heard from in the last PRESENCE_TTL_MS and sends a keyed
 *   request to the one with the highest hash of (key, instance) — rendezvous hashing: an instance
 *   coming or going moves only its own share of keys. No instance known yet, or the chosen one
 *   gone (no responders): the queue group.
 * Two callers that briefly disagree (one has not heard of a new instance yet) only send one
 * key's requests to two instances for that moment, which is what happens without affinity.
 */
const PRESENCE_INTERVAL_MS = 2000;
const PRESENCE_TTL_MS = 3 * PRESENCE_INTERVAL_MS;

interface PresenceMessage {
  id: string;
  leaving?: boolean;
}

/** A fresh instance id: short, and a valid NATS subject token. */
export function newInstanceId(): string {
  return randomBytes(6).toString('hex');
}

/** The server side: this instance is alive (every PRESENCE_INTERVAL_MS, and whenever a caller asks). */
export class PresenceBeacon {
  private timer?: NodeJS.Timeout;
  private asked?: Subscription;

  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
    private readonly service: string,
    private readonly instanceId: string,
  ) {}

  start(): void {
    const subject = naming.presenceSubject(this.prefix, this.service);
    this.asked = this.nc.subscribe(`${subject}.ask`, { callback: () => this.say() });
    this.say();
    this.timer = setInterval(() => this.say(), PRESENCE_INTERVAL_MS);
    this.timer.unref();
  }

  /** Say goodbye: callers stop choosing this instance at once (what is already on its way is still answered). */
  stop(): void {
    clearInterval(this.timer);
    this.asked?.unsubscribe();
    this.say(true);
  }

  private say(leaving = false): void {
    if (this.nc.isClosed() || this.nc.isDraining()) return;
    const message: PresenceMessage = { id: this.instanceId, ...(leaving ? { leaving: true } : {}) };
    this.nc.publish(naming.presenceSubject(this.prefix, this.service), JSON.stringify(message));
  }
}

/** The caller side: the live instances of each service asked with a key, and which one a key goes to. */
export class InstanceDirectory {
  private readonly services = new Map<string, { seen: Map<string, number>; sub: Subscription }>();

  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
  ) {}

  /** The instance for `key`, if any is known (the first call for a service starts listening and asks who is there). */
  pick(service: string, key: string): string | undefined {
    let best: string | undefined;
    let bestScore = -1;
    for (const id of this.live(service)) {
      const score = fnv1a(`${key}|${id}`);
      if (score > bestScore) {
        best = id;
        bestScore = score;
      }
    }
    return best;
  }

  /** The instances of `service` heard from lately (the ones silent too long are forgotten). */
  live(service: string): string[] {
    const { seen } = this.watch(service);
    const now = Date.now();
    for (const [id, at] of seen) if (now - at > PRESENCE_TTL_MS) seen.delete(id);
    return [...seen.keys()];
  }

  /** The instance did not answer on its own subject (gone without a goodbye): stop choosing it. */
  forget(service: string, id: string): void {
    this.services.get(service)?.seen.delete(id);
  }

  close(): void {
    for (const { sub } of this.services.values()) sub.unsubscribe();
    this.services.clear();
  }

  private watch(service: string) {
    let entry = this.services.get(service);
    if (entry) return entry;
    const seen = new Map<string, number>();
    const subject = naming.presenceSubject(this.prefix, service);
    const sub = this.nc.subscribe(subject, {
      callback: (err, msg) => {
        if (err) return;
        try {
          const m = JSON.parse(msg.string()) as PresenceMessage;
          if (typeof m.id !== 'string') return;
          if (m.leaving) seen.delete(m.id);
          else seen.set(m.id, Date.now());
        } catch {
          // not a presence message: ignore
        }
      },
    });
    entry = { seen, sub };
    this.services.set(service, entry);
    if (!this.nc.isClosed() && !this.nc.isDraining()) this.nc.publish(`${subject}.ask`);
    return entry;
  }
}

/** 32-bit FNV-1a: cheap, and spreads similar keys (ObjectIds differ in a few characters) well. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Mix the low bits up: rendezvous hashing compares whole values.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}
