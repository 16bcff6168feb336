import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { JetStreamClient } from 'nats';
import { mongo, Schema } from 'mongoose';
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
 *
 * Documents written once, in groups, and never updated (a ledger's commits) keep no outbox:
 * their group's events are staged in one document of `outbox_groups` before the insert and
 * deleted after the publish (`stageGroup`, `publishGroup`), so publishing writes none of them.
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

/** A document of a group with the events it announces, as `stageGroup` takes it. */
export interface GroupMember {
  _id: unknown;
  events: readonly PendingEvent[];
}

/** One document of a staged group and its events, as stored. */
export interface StagedMember {
  _id: unknown;
  outbox: StoredOutboxEvent[];
}

/** A group's events as staged (`stageGroup`), for `publishGroup` once the group is written. */
export interface StagedGroup {
  id: string;
  docs: StagedMember[];
}

/**
 * Where the events of a group of documents wait while the group is written and published
 * (`stageGroup`): one document per group, `{_id: group, collection, at, count, packed}`, deleted
 * once they are published. Small: it holds only groups in flight.
 */
export const OUTBOX_GROUPS = 'outbox_groups';

/** A staged group as stored (`stagedMembers` reads its documents' events). */
export interface StagedGroupDoc {
  _id: string;
  collection: string;
  at: Date;
  /** How many documents' events it holds. */
  count?: number;
  /**
   * Those documents with their events (`{docs: StagedMember[]}`) as BSON, deflated. FerretDB
   * turns every nested value into JSON for PostgreSQL on the insert and back on the delete,
   * which reads the document first: a group of six commits' events as nested documents
   * (12 kB) cost it 7 ms of CPU per insert and delete, a third of the database's work per
   * registration; packed into one binary value of about 1 kB, 2.8 ms.
   */
  packed?: mongo.Binary;
  /** Groups staged before they were packed: the same, unpacked. */
  docs?: StagedMember[];
}

function packed(docs: readonly StagedMember[]): Pick<StagedGroupDoc, 'count' | 'packed'> {
  return { count: docs.length, packed: new mongo.Binary(deflateRawSync(mongo.BSON.serialize({ docs }, { ignoreUndefined: true }), { level: 1 })) };
}

/** The documents of a staged group with their events, as `stageGroup` staged them. */
export function stagedMembers(group: Pick<StagedGroupDoc, 'packed' | 'docs'>): StagedMember[] {
  if (!group.packed) return group.docs ?? [];
  return (mongo.BSON.deserialize(inflateRawSync(group.packed.buffer)) as { docs: StagedMember[] }).docs;
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
  /**
   * How old a staged group must be before a sweep publishes it in its writer's place (default
   * 15 s): by then the writer's insert is long over, and the writer has published it or is gone.
   */
  groupStaleMs?: number;
}

export class OutboxRelay {
  private readonly models = new Set<AnyModel>();
  /** Collections written in groups (`stageGroup`) → the field that holds a document's group id. */
  private readonly grouped = new Map<AnyModel, string>();
  private readonly adopted = new WeakSet<AnyModel>();
  private readonly flushing = new Map<string, Promise<void>>();
  /** Documents and groups waiting in this process for their writer's publish: the sweep leaves them to it. */
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

  /**
   * A collection whose documents are written once, in groups, and never updated (the commits of
   * an append-only log, see GroupInsert), each stamped with its group's id in `groupField` (an
   * indexed field). Their events do not live in the documents: see `stageGroup`.
   */
  registerGroups(model: AnyModel, groupField: string): void {
    this.grouped.set(model, groupField);
    model.db
      .collection(OUTBOX_GROUPS)
      .createIndex({ collection: 1 })
      .catch((err: Error) => this.logger.warn({ err: err.message }, 'could not create the outbox groups index'));
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
   * Before a group of documents is inserted: its events, all in one document of `outbox_groups`
   * (one insert per group, however many documents). After the insert, `publishGroup` publishes
   * the events of the documents written and deletes the staged group: the documents themselves
   * carry no outbox and are never written again, so publishing costs no update of them. A crash
   * in between leaves the staged group, and a sweep publishes it once it is `groupStaleMs` old:
   * the events of those of its documents that exist (found by their group field; a document whose
   * insert was refused, e.g. a lost version, announces nothing), then deletes it. Written even
   * while the relay is disabled: it is the durable record of what is still to be published.
   */
  async stageGroup(model: AnyModel, id: string, docs: readonly GroupMember[]): Promise<StagedGroup> {
    const staged = { id, docs: docs.filter((d) => d.events.length).map((d) => ({ _id: d._id, outbox: d.events.map(toStored) })) };
    if (staged.docs.length) {
      await model.db
        .collection<StagedGroupDoc>(OUTBOX_GROUPS)
        .insertOne({ _id: id, collection: model.collection.collectionName, at: new Date(), ...packed(staged.docs) });
    }
    return staged;
  }

  /**
   * Publish, from memory, the events of the staged group's documents that were written (`written`:
   * their ids), in the order staged, then delete the staged group. Groups of one collection leave
   * one after another, so events keep the order of their writes. Should another relay's sweep
   * publish some of them too, JetStream stores each once (`Nats-Msg-Id`).
   */
  async publishGroup(model: AnyModel, staged: StagedGroup, written: readonly unknown[]): Promise<void> {
    if (!this.options.enabled || this.stopped || !staged.docs.length) return;
    const name = model.collection.collectionName;
    const key = `${name}:group:${staged.id}`;
    const done = new Set(written.map(String));
    this.queued.add(key);
    await this.inOrder(model, async () => {
      await this.publishStaged(staged.docs.filter((d) => done.has(String(d._id))));
      await model.db.collection<StagedGroupDoc>(OUTBOX_GROUPS).deleteOne({ _id: staged.id });
    }).finally(() => this.queued.delete(key));
  }

  /** Run `work` after the collection's earlier group publications; a failure is logged and left to the sweep. */
  private inOrder(model: AnyModel, work: () => Promise<void>): Promise<void> {
    const key = `${model.collection.collectionName}:*`;
    const previous = this.flushing.get(key) ?? Promise.resolve();
    const next = previous
      .then(work)
      .catch((err: Error) => {
        this.logger.warn({ err: err.message, collection: model.collection.collectionName }, 'outbox publish failed; will retry');
        this.poll?.hurry();
      })
      .finally(() => {
        if (this.flushing.get(key) === next) this.flushing.delete(key);
      });
    this.flushing.set(key, next);
    return next;
  }

  private async publishStaged(docs: readonly StagedMember[]): Promise<void> {
    // Sent in order on one connection without waiting for each acknowledgement: the stream
    // stores them in that order. Should one fail, the staged group stays for the sweep.
    await Promise.all(docs.flatMap((doc) => doc.outbox.map((stored) => publishEvent(this.js, this.options.prefix, fromStored(stored)))));
  }

  /** A sweep's turn at the staged groups of one collection: publish those their writer has not (see `stageGroup`). */
  private async sweepGroups(model: AnyModel, groupField: string): Promise<boolean> {
    const name = model.collection.collectionName;
    const groups = model.db.collection<StagedGroupDoc>(OUTBOX_GROUPS);
    const staged = await groups
      .find({ collection: name }, { projection: { _id: 1, at: 1 } })
      .limit(500)
      .toArray();
    const staleBefore = Date.now() - (this.options.groupStaleMs ?? 15_000);
    const stale = staged
      .filter((g) => g.at.getTime() < staleBefore && !this.queued.has(`${name}:group:${g._id}`))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const { _id: id } of stale) {
      if (this.stopped) break;
      await this.inOrder(model, async () => {
        const group = await groups.findOne({ _id: id });
        if (!group) return; // its writer was just done with it
        const written = new Set((await model.collection.find({ [groupField]: id } as never, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id)));
        await this.publishStaged(stagedMembers(group).filter((d) => written.has(String(d._id))));
        await groups.deleteOne({ _id: id });
      });
    }
    return staged.length > 0;
  }

  /**
   * Change the events still staged for a collection (personal data erased before they leave):
   * `rewrite` returns an event's new form, or the event itself to keep it. Returns how many
   * groups changed.
   */
  async rewriteStaged(model: AnyModel, rewrite: (event: StoredOutboxEvent) => StoredOutboxEvent): Promise<number> {
    const groups = model.db.collection<StagedGroupDoc>(OUTBOX_GROUPS);
    let changed = 0;
    for (const group of await groups.find({ collection: model.collection.collectionName }).toArray()) {
      let touched = false;
      const docs = stagedMembers(group).map((d) => ({
        ...d,
        outbox: d.outbox.map((o) => {
          const next = rewrite(o);
          touched ||= next !== o;
          return next;
        }),
      }));
      if (!touched) continue;
      await groups.updateOne({ _id: group._id }, { $set: packed(docs), $unset: { docs: 1 } });
      changed++;
    }
    return changed;
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
   * some (staged groups counted by their documents), and the age of the oldest (0 when none). For
   * metrics; asks the pending flag's index and the staged groups' `collection` index.
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
    for (const model of this.grouped.keys()) {
      const staged = await model.db
        .collection<StagedGroupDoc>(OUTBOX_GROUPS)
        .find({ collection: model.collection.collectionName }, { projection: { at: 1, count: 1, 'docs._id': 1 } })
        .toArray();
      for (const group of staged) {
        documents += group.count ?? group.docs?.length ?? 0;
        if (group.at.getTime() < oldest) oldest = group.at.getTime();
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
    for (const model of new Set([...this.models, ...this.grouped.keys()])) {
      if (this.stopped) return found;
      try {
        const groupField = this.grouped.get(model);
        if (groupField !== undefined && (await this.sweepGroups(model, groupField))) found = true;
        if (!this.models.has(model)) continue;
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
        if (pending.length) found = true;
        const stale = pending.filter((doc) => headAge(doc) < staleBefore).sort((a, b) => headAge(a) - headAge(b));
        for (const doc of stale) await this.publishPending(model, doc._id);
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'outbox sweep failed');
        found = true;
      }
    }
    return found;
  }
}
