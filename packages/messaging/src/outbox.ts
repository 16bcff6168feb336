import { JetStreamClient } from 'nats';
import { Schema } from 'mongoose';
import { ServiceName } from '@tochka/contracts';
import { BusLogger } from './context';
import { AnyModel, withDocumentLock } from './document-lock';
import { IdlePoll } from './idle-poll';
import { PendingEvent, publishEvent } from './publisher';

/**
 * Transactional outbox without transactions: pending events live in the same document as the
 * state they describe, written by the same single-document update. The relay publishes the head
 * of a document's outbox (with `Nats-Msg-Id` = event id, so a repeat is stored once) and only
 * then pops it, guarded by the event id. A crash at any point leaves the event in the outbox
 * and it is published, once, when a relay next looks.
 *
 * Why `$pop` guarded by `outbox.0.id` rather than `$pull: {outbox: {id}}`: FerretDB 1.24
 * ignores `$pull` with a condition; a guarded `$pop` behaves the same on MongoDB and FerretDB.
 * The pop runs under the document's lock (see document-lock.ts): writers of the document take
 * the same lock, so neither can erase the other's change on FerretDB.
 */
export interface StoredOutboxEvent {
  id: string;
  type: string;
  version: number;
  occurredAt: Date;
  producer: ServiceName;
  /** The payload as JSON text: stored verbatim, untouched by mongoose casting or minimising. */
  json: string;
  /** Wall-clock time of the write; the sweep leaves fresh entries to the writer's own publish. */
  storedAt?: Date;
  correlationId?: string;
  traceparent?: string;
}

export const outboxEntrySchema = new Schema<StoredOutboxEvent>(
  {
    id: { type: String, required: true },
    type: { type: String, required: true },
    version: { type: Number, required: true },
    occurredAt: { type: Date, required: true },
    producer: { type: String, required: true },
    json: { type: String, required: true },
    storedAt: { type: Date },
    correlationId: { type: String },
    traceparent: { type: String },
  },
  { _id: false },
);

/**
 * The fields to add to an aggregate's schema: `...outboxFields`. `outboxPending` is `true` while
 * the outbox holds something and absent otherwise: set by the same single-document write that
 * appends, removed by the pop that empties it. The sweep asks for it by equality on an indexed
 * scalar, the one kind of filter FerretDB 1.24 hands to its backend (README: hot queries).
 */
export const outboxFields = {
  outbox: { type: [outboxEntrySchema], default: [] },
  outboxPending: { type: Boolean, index: true },
};

/** A document just inserted with its events (`newOutbox`), as `publishMany` takes it. */
export interface InsertedWithOutbox {
  _id: unknown;
  outbox: readonly StoredOutboxEvent[];
}

/** What a document with an outbox stores beside its state. */
export interface OutboxDoc {
  outbox: StoredOutboxEvent[];
  outboxPending?: boolean;
}

/** The projection that reads a document's state without its outbox. */
export const withoutOutbox = { outbox: 0, outboxPending: 0 } as const;

function toStored(event: PendingEvent): StoredOutboxEvent {
  return {
    id: event.id,
    type: event.type,
    version: event.version,
    occurredAt: event.occurredAt,
    producer: event.producer,
    json: JSON.stringify(event.data),
    storedAt: new Date(),
    ...(event.correlationId ? { correlationId: event.correlationId } : {}),
    ...(event.traceparent ? { traceparent: event.traceparent } : {}),
  };
}

/*
 * The outbox's three queries, here and nowhere else: the fields of a new document, the operators
 * that append to an existing one (in the same update as the state change), and the sweep's filter
 * of documents with something left to publish.
 */

/** The outbox of a new document: its fields for the insert. */
export function newOutbox(events: readonly PendingEvent[]): OutboxDoc {
  return events.length ? { outbox: events.map(toStored), outboxPending: true } : { outbox: [] };
}

type UpdateOps = { $set?: Record<string, unknown> } & Record<string, unknown>;

/**
 * The update `ops` with events appended, in order, to the outbox and the pending flag set: one
 * single-document update carries the change and its events. No events: `ops` unchanged.
 */
export function appendToOutbox(events: readonly PendingEvent[], ops: UpdateOps = {}): UpdateOps {
  if (!events.length) return ops;
  return { ...ops, $set: { ...ops.$set, outboxPending: true }, $push: { outbox: { $each: events.map(toStored) } } };
}

/** Documents whose outbox is not empty: an equality on the indexed flag (no scan). */
export const PENDING_OUTBOX = { outboxPending: true } as const;

/** Before the flag existed: documents with events but no flag (adopted once per collection, see `adoptUnflagged`). */
const UNFLAGGED_OUTBOX = { 'outbox.0': { $exists: true }, outboxPending: { $exists: false } };
/** Collections whose unflagged documents were adopted (`_id` = collection name). */
const ADOPTED = 'outbox_flag_adopted';

function fromStored(stored: StoredOutboxEvent): PendingEvent {
  return {
    id: stored.id,
    type: stored.type,
    version: stored.version,
    occurredAt: stored.occurredAt,
    producer: stored.producer,
    data: JSON.parse(stored.json),
    ...(stored.correlationId ? { correlationId: stored.correlationId } : {}),
    ...(stored.traceparent ? { traceparent: stored.traceparent } : {}),
  };
}

export interface OutboxRelayOptions {
  prefix: string;
  sweepIntervalMs: number;
  /**
   * While sweeps find nothing pending, they come ever less often, up to this (default 8 ×
   * sweepIntervalMs): an idle network does not keep asking. Anything pending, or a publish that
   * failed here, brings back sweepIntervalMs.
   */
  sweepIdleMs?: number;
  /** When false the relay never publishes (operators pausing publication; tests simulating a crash). */
  enabled: boolean;
}

export class OutboxRelay {
  private readonly models = new Set<AnyModel>();
  private readonly adopted = new WeakSet<AnyModel>();
  private readonly flushing = new Map<string, Promise<void>>();
  /** Documents waiting in this process for `publishMany`: the sweep leaves them to it. */
  private readonly queued = new Set<string>();
  private poll?: IdlePoll;
  private stopped = false;

  constructor(
    private readonly js: JetStreamClient,
    private readonly logger: BusLogger,
    private readonly options: OutboxRelayOptions,
  ) {}

  register(model: AnyModel): void {
    this.models.add(model);
  }

  start(): void {
    if (!this.options.enabled || this.poll) return;
    this.stopped = false;
    const base = this.options.sweepIntervalMs;
    this.poll = new IdlePoll(() => this.sweep(), base, Math.max(base, this.options.sweepIdleMs ?? 8 * base));
    this.poll.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.poll?.stop();
    this.poll = undefined;
    await Promise.allSettled([...this.flushing.values()]);
  }

  /**
   * Publish what one document holds now. Called right after a write so events leave at once;
   * a failure is only logged: the periodic sweep tries again.
   */
  async publishPending(model: AnyModel, id: unknown): Promise<void> {
    if (!this.options.enabled || this.stopped) return;
    const key = `${model.collection.collectionName}:${String(id)}`;
    const previous = this.flushing.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => this.flushDocument(model, id))
      .catch((err: Error) => {
        this.logger.warn({ err: err.message, doc: key }, 'outbox publish failed; will retry');
        this.poll?.hurry();
      })
      .finally(() => {
        if (this.flushing.get(key) === next) this.flushing.delete(key);
      });
    this.flushing.set(key, next);
    await next;
  }

  /**
   * Publish the events of documents just inserted, in the order given, and empty their outboxes:
   * one update for all of them, selected by `group` (an indexed equality that selects exactly these
   * documents, e.g. the id of the insert group stamped on them). For documents whose outbox is
   * written once, with the document, and never appended to (the commits of an append-only log,
   * see GroupInsert): no writer can add an event between this publish and the emptying, so no lock
   * is taken and the events are published as they were inserted, without reading them back. Should
   * another relay's sweep publish one of them too, JetStream stores it once (`Nats-Msg-Id`).
   * Groups of one model leave one after another, so events keep the order of their writes.
   */
  async publishMany(model: AnyModel, docs: readonly InsertedWithOutbox[], group: Record<string, string>): Promise<void> {
    const ids = docs.map((d) => d._id);
    if (!this.options.enabled || this.stopped || !ids.length) return;
    const key = `${model.collection.collectionName}:*`;
    const queued = ids.map((id) => `${model.collection.collectionName}:${String(id)}`);
    for (const q of queued) this.queued.add(q);
    const previous = this.flushing.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => this.flushGroup(model, docs, group))
      .finally(() => {
        for (const q of queued) this.queued.delete(q);
      })
      .catch((err: Error) => {
        this.logger.warn({ err: err.message, docs: ids.length }, 'outbox publish failed; will retry');
        this.poll?.hurry();
      })
      .finally(() => {
        if (this.flushing.get(key) === next) this.flushing.delete(key);
      });
    this.flushing.set(key, next);
    await next;
  }

  private async flushGroup(model: AnyModel, docs: readonly InsertedWithOutbox[], group: Record<string, string>): Promise<void> {
    // Sent in order on one connection without waiting for each acknowledgement: the stream
    // stores them in that order. Should one fail, all stay in the outboxes for the sweep.
    await Promise.all(docs.flatMap((doc) => doc.outbox.map((stored) => publishEvent(this.js, this.options.prefix, fromStored(stored)))));
    await model.collection.updateMany({ ...group, ...PENDING_OUTBOX } as never, { $set: { outbox: [] }, $unset: { outboxPending: 1 } });
  }

  private async flushDocument(model: AnyModel, id: unknown): Promise<void> {
    for (let more = true; more && !this.stopped; ) {
      // Under the document's lock: the pop must not race a writer (or another relay) on FerretDB.
      more = await withDocumentLock(model, id, async () => {
        const doc = await model.collection.findOne({ _id: id } as never, { projection: { outbox: 1, outboxPending: 1 } });
        const outbox = (doc?.outbox as StoredOutboxEvent[] | undefined) ?? [];
        const head = outbox[0];
        if (!head) {
          if (doc?.outboxPending) await model.collection.updateOne({ _id: id } as never, { $unset: { outboxPending: 1 } });
          return false;
        }
        await publishEvent(this.js, this.options.prefix, fromStored(head));
        // The last one out clears the flag in the same update (writers append under this lock).
        const last = outbox.length === 1;
        await model.collection.updateOne(
          { _id: id, 'outbox.0.id': head.id } as never,
          last ? { $pop: { outbox: -1 }, $unset: { outboxPending: 1 } } : { $pop: { outbox: -1 } },
        );
        return !last;
      });
    }
  }

  /**
   * Events written but not yet published, over every registered model: how many documents hold
   * some, and the age of the oldest (0 when none). For metrics; asks the pending flag's index.
   */
  async backlog(now = Date.now()): Promise<{ documents: number; oldestAgeSeconds: number }> {
    let documents = 0;
    let oldest = now;
    for (const model of this.models) {
      const pending = await model.collection
        .find(PENDING_OUTBOX, { projection: { _id: 1, 'outbox.storedAt': 1 } })
        .limit(10_000)
        .toArray();
      documents += pending.length;
      for (const doc of pending) {
        const at = new Date((doc.outbox as StoredOutboxEvent[] | undefined)?.[0]?.storedAt ?? now).getTime();
        if (at < oldest) oldest = at;
      }
    }
    return { documents, oldestAgeSeconds: Math.max(0, (now - oldest) / 1000) };
  }

  /**
   * Documents written before the pending flag existed carry events but no flag: flag them, each
   * under its lock, once per collection (remembered in `outbox_flag_adopted`). This one scan per
   * collection and database is the only one; every later sweep asks the index.
   */
  private async adoptUnflagged(model: AnyModel): Promise<void> {
    const name = model.collection.collectionName;
    const adopted = model.db.collection<{ _id: string; at: Date }>(ADOPTED);
    if (await adopted.findOne({ _id: name })) return;
    const docs = await model.collection.find(UNFLAGGED_OUTBOX, { projection: { _id: 1 } }).toArray();
    for (const { _id } of docs) {
      await withDocumentLock(model, _id, async () => {
        const doc = await model.collection.findOne({ _id } as never, { projection: { outbox: 1, outboxPending: 1 } });
        if ((doc?.outbox as unknown[] | undefined)?.length && !doc?.outboxPending)
          await model.collection.updateOne({ _id } as never, { $set: { outboxPending: true } });
      });
    }
    await adopted.updateOne({ _id: name }, { $set: { at: new Date() } }, { upsert: true });
  }

  /** One sweep of every registered collection; resolves whether anything was pending (or failed). */
  private async sweep(): Promise<boolean> {
    let found = false;
    for (const model of this.models) {
      if (this.stopped) return found;
      try {
        if (!this.adopted.has(model)) {
          await this.adoptUnflagged(model);
          this.adopted.add(model);
        }
        // Only what its writer has not published by now (a crash, NATS down): publishing a fresh
        // entry here would race the writer's own publish and could reorder an aggregate's events.
        const staleBefore = Date.now() - Math.max(this.options.sweepIntervalMs, 1000);
        const pending = await model.collection
          .find(PENDING_OUTBOX, { projection: { _id: 1, 'outbox.storedAt': 1 } })
          .limit(500)
          .toArray();
        const headAge = (doc: Record<string, unknown>) => new Date((doc.outbox as StoredOutboxEvent[] | undefined)?.[0]?.storedAt ?? 0).getTime();
        const name = model.collection.collectionName;
        if (pending.length) found = true;
        const stale = pending
          .filter((doc) => headAge(doc) < staleBefore && !this.queued.has(`${name}:${String(doc._id)}`))
          .sort((a, b) => headAge(a) - headAge(b));
        for (const doc of stale) await this.publishPending(model, doc._id);
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'outbox sweep failed');
        found = true;
      }
    }
    return found;
  }
}
