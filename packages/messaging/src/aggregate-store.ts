import { Model } from 'mongoose';
import { DomainError } from '@tochka/contracts';
import { assertCallerWaiting } from './context';
import { withDocumentLock } from './document-lock';
import { insertUnlessDuplicate } from './duplicate-key';
import { CreatedWith } from './idempotency';
import { appendToOutbox, newOutbox, OutboxRelay, withoutOutbox } from './outbox';
import { PendingEvent } from './publisher';

/**
 * How an aggregate is stored: one document per aggregate, keyed by `_id`, with a `version` that
 * every write raises by one, and its pending events in the same document (the outbox).
 */
export interface AggregateMapping<Doc, State> {
  /** The document's `_id` for an aggregate's id; undefined when the id cannot name one (then: not found). */
  key(id: string): unknown;
  idOf(state: State): string;
  /** The state a stored document holds (read without its outbox). */
  fromDoc(doc: Doc): State;
  /** The fields that store a state: everything but `_id` and the outbox. Undefined means "not stored". */
  toDoc(state: State): Record<string, unknown>;
  version(state: State): number;
}

export interface AggregateStoreOptions<Doc, State> extends AggregateMapping<Doc, State> {
  model: Model<Doc>;
  /**
   * Publishes a document's events right after its write. Null where no relay runs (a command-line
   * tool): the relay of the running service finds them on its next sweep.
   */
  relay: OutboxRelay | null;
  notFound: (id: string) => DomainError;
  /** The 409 when the document changed under every attempt (see `update`). */
  conflict: () => DomainError;
  /** How long `update` waits for the document's lock before a 409 (default: the lock's 10 s). */
  lockWaitMs?: number;
}

/** What `decide` wants written: the next state (version one above the current) and its events. */
export interface Decision<State> {
  next: State;
  events: PendingEvent[];
  /** Stored fields outside the state (the scheduler's bookkeeping, say). */
  alsoSet?: Record<string, unknown>;
}

/** A decision, or null: nothing to change, the aggregate stays as it is. */
export type Decide<Doc, State> = (current: State, doc: Doc) => Decision<State> | null | Promise<Decision<State> | null>;

/** How often `update` reads, decides and writes again after finding its write lost. */
export const UPDATE_ATTEMPTS = 3;

/**
 * The one write path of aggregates with an outbox (README, Decisions: FerretDB concurrency).
 *
 * - `insert` writes the new document with its events in one insert; a unique index refusing it
 *   (same `_id`, number, e-mail, ...) is `false`, for the caller to answer as it must.
 * - `update` takes the document's lock, reads the current state, lets `decide` rule on it (it may
 *   throw a DomainError, or await checks), and writes the next state with its events in one update
 *   guarded by the version it read. The lock serialises writers (and the relay's pop) on FerretDB,
 *   whose conditional updates are not atomic; the version guard catches a write lost anyway (a
 *   holder outliving its lock): then read, decide and write again, up to `UPDATE_ATTEMPTS`, then 409.
 * - Both publish the document's events right after the write (the relay publishes, then pops).
 */
export class AggregateStore<Doc, State> {
  constructor(private readonly options: AggregateStoreOptions<Doc, State>) {}

  get model(): Model<Doc> {
    return this.options.model;
  }

  async find(id: string): Promise<State | null> {
    const doc = await this.findDoc(this.options.key(id));
    return doc ? this.options.fromDoc(doc) : null;
  }

  async get(id: string): Promise<State> {
    const found = await this.find(id);
    if (!found) throw this.options.notFound(id);
    return found;
  }

  /** False when a unique index already holds one of the document's keys. */
  async insert(state: State, events: PendingEvent[], createdWith?: CreatedWith): Promise<boolean> {
    const { model, relay } = this.options;
    const _id = this.options.key(this.options.idOf(state));
    const fields = definedOnly(this.options.toDoc(state));
    const doc = { _id, ...fields, ...(createdWith ? { createdWith } : {}), ...newOutbox(events) };
    if (!(await insertUnlessDuplicate(model.create(doc as never)))) return false;
    if (events.length) await relay?.publishPending(model, _id);
    return true;
  }

  /**
   * Insert under an Idempotency-Key (see idempotency.ts): the state's id must have been derived
   * from the key. The new state; or, when this key was used before, what the first request created
   * (`replayed`) — or a 422 when that request was another one. Null when another unique key of the
   * document (a number, an e-mail) is taken: the caller's conflict.
   */
  async insertOnce(state: State, events: PendingEvent[], createdWith: CreatedWith): Promise<{ state: State; replayed: boolean } | null> {
    if (await this.insert(state, events, createdWith)) return { state, replayed: false };
    const _id = this.options.key(this.options.idOf(state));
    const earlier = await this.options.model.findById(_id, withoutOutbox).lean<Doc & { createdWith?: CreatedWith }>().exec();
    if (!earlier || earlier.createdWith?.key !== createdWith.key) return null;
    if (earlier.createdWith.requestHash !== createdWith.requestHash) {
      throw new DomainError('idempotency_key_reused', 'Ключ Idempotency-Key уже использован для другого запроса. Для нового запроса нужен новый ключ.', 422);
    }
    const { createdWith: _first, ...doc } = earlier;
    return { state: this.options.fromDoc(doc as Doc), replayed: true };
  }

  /** The state after the decision (the current one when `decide` returns null). */
  async update(id: string, decide: Decide<Doc, State>): Promise<State> {
    const { model, relay } = this.options;
    const _id = this.options.key(id);
    if (_id === undefined || !(await this.findDoc(_id))) throw this.options.notFound(id); // before taking a lock
    for (let attempt = 1; attempt <= UPDATE_ATTEMPTS; attempt++) {
      const outcome = await withDocumentLock(model, _id, () => this.decideAndWrite(id, _id, decide), { waitMs: this.options.lockWaitMs });
      if (outcome === LOST) continue;
      if (outcome.written) await relay?.publishPending(model, _id);
      return outcome.state;
    }
    throw this.options.conflict();
  }

  private async decideAndWrite(id: string, _id: unknown, decide: Decide<Doc, State>): Promise<typeof LOST | { state: State; written: boolean }> {
    const { model, toDoc, version } = this.options;
    const doc = await this.findDoc(_id);
    if (!doc) throw this.options.notFound(id);
    const current = this.options.fromDoc(doc);
    const decision = await decide(current, doc);
    if (!decision) return { state: current, written: false };
    if (version(decision.next) !== version(current) + 1) {
      throw new Error(`an aggregate's write must raise its version by one (${version(current)} → ${version(decision.next)})`);
    }
    const before = definedOnly(toDoc(current));
    const after = definedOnly({ ...toDoc(decision.next), ...decision.alsoSet });
    const cleared = Object.keys(before).filter((key) => !(key in after));
    // A request whose caller has given up (and been told 504) changes nothing, however long it waited for the lock.
    assertCallerWaiting();
    const res = await model.updateOne(
      { _id, version: version(current) } as never,
      appendToOutbox(decision.events, {
        $set: after,
        ...(cleared.length ? { $unset: Object.fromEntries(cleared.map((key) => [key, 1])) } : {}),
      }) as never,
    );
    if (res.modifiedCount !== 1) return LOST;
    return { state: decision.next, written: decision.events.length > 0 };
  }

  private findDoc(_id: unknown): Promise<Doc | null> {
    if (_id === undefined) return Promise.resolve(null);
    return this.options.model
      .findById(_id, { ...withoutOutbox, createdWith: 0 })
      .lean<Doc>()
      .exec();
  }
}

const LOST = Symbol('lost update');

function definedOnly(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/**
 * A stored document's fields as its JSON snapshot: Dates as ISO strings, and the null or missing
 * optional values a server may hand back left out (at any depth).
 */
export function storedToJson(value: Record<string, unknown>): Record<string, unknown> {
  const plain = (v: unknown): unknown => {
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(plain);
    if (v && typeof v === 'object' && !isObjectId(v)) return storedToJson(v as Record<string, unknown>);
    return v;
  };
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, plain(v)]),
  );
}

function isObjectId(v: object): boolean {
  return (v as { _bsontype?: string })._bsontype === 'ObjectId';
}
