import { Inject, Injectable } from '@nestjs/common';
import { errors } from '@tochka/contracts';
import { Types } from 'mongoose';
import { GroupInsert, MessageBus, PendingEvent, StagedGroup, StoredOutboxEvent, withDocumentLock, withoutOutbox } from '@tochka/messaging';
import { BUS, keepRecent } from '@tochka/runtime';
import { Entry, Ledger } from './ledger';
import { applyCommit, LedgerDelta } from './ledger-commits';
import { COMMIT_MODEL, commitId, CommitDoc, CommitModel } from './commit.model';
import { eventIdIn, organizationRefId, REGISTRATION_REF_MODEL, RegistrationRefDoc, RegistrationRefModel } from './registration-ref.model';

/** Ledgers kept in memory per process (the most recently used events). */
const CACHE_LIMIT = 1000;

/**
 * Ledgers as append-only logs of commits. Why not one document updated in place: FerretDB 1.24
 * (our test database) applies an update by reading the document and writing it back without a
 * lock, so two version-guarded updates can both succeed and the outbox relay's `$pop` can undo a
 * concurrent write. A unique-key insert is atomic on FerretDB and MongoDB alike, so the next
 * version of a ledger is inserted, never updated; and commits are immutable (but for anonymising).
 *
 * Each process keeps the latest ledger it knows per event, so nothing replays the whole log but a
 * process meeting an event for the first time. Reads look for newer commits first (one `_id`
 * lookup); writes need not (see `forWrite`).
 */
@Injectable()
export class LedgerStore {
  private readonly cache = new Map<string, Ledger>();
  /**
   * Commits of all events, and the references of new registrations, go to the database in groups
   * (GroupInsert): a burst over many events costs a few inserts, not one per event and request.
   * A commit group's events are staged in one document before its insert and leave right after
   * it (OutboxRelay.stageGroup): the commits carry no outbox, so publishing writes none of them.
   */
  private readonly commitInserts: GroupInsert<CommitDoc, StagedGroup>;
  private readonly refInserts: GroupInsert<RegistrationRefDoc>;
  /** The events each commit on its way announces, until its group is staged. */
  private readonly eventsOf = new WeakMap<CommitDoc, readonly PendingEvent[]>();

  constructor(
    @Inject(COMMIT_MODEL) readonly commits: CommitModel,
    @Inject(REGISTRATION_REF_MODEL) private readonly refs: RegistrationRefModel,
    @Inject(BUS) private readonly bus: MessageBus,
  ) {
    bus.outbox.registerGroups(commits, 'batch');
    this.commitInserts = new GroupInsert<CommitDoc, StagedGroup>(commits, {
      beforeInsert: (docs) => {
        const batch = new Types.ObjectId().toHexString();
        for (const doc of docs) doc.batch = batch;
        return bus.outbox.stageGroup(
          commits,
          batch,
          docs.map((d) => ({ _id: d._id, events: this.eventsOf.get(d) ?? [] })),
        );
      },
      afterInsert: (docs, staged) => {
        void bus.outbox.publishGroup(
          commits,
          staged,
          docs.map((d) => d._id),
        );
      },
    });
    this.refInserts = new GroupInsert<RegistrationRefDoc>(refs);
  }

  /** The latest ledger of an event, or undefined when the calendar never told us about it. */
  async load(eventId: string, maxTimeMS?: number): Promise<Ledger | undefined> {
    return this.catchUp(eventId, this.cache.get(eventId) ?? (await this.replay(eventId, maxTimeMS)), maxTimeMS);
  }

  /**
   * The ledger to write on: what this process last knew, unchecked (`fresh: false`), unless told
   * otherwise. An append on a stale ledger misses, so a lone instance saves a read per commit; an
   * answer that writes nothing must check `isLatest` before it is given.
   */
  async forWrite(eventId: string, check: boolean): Promise<{ ledger: Ledger | undefined; fresh: boolean }> {
    const cached = this.cache.get(eventId);
    if (cached && !check) return { ledger: cached, fresh: false };
    return { ledger: await this.load(eventId), fresh: true };
  }

  /** Whether no commit follows this ledger (a ledger nobody has written yet is checked by `load`). */
  async isLatest(eventId: string, ledger: Ledger): Promise<boolean> {
    return !(await this.commits.exists({ _id: commitId(eventId, ledger.version + 1) }));
  }

  private async catchUp(eventId: string, known: Ledger | undefined, maxTimeMS?: number): Promise<Ledger | undefined> {
    let ledger = known;
    for (;;) {
      const next: CommitDoc | null = ledger
        ? await this.commits.findById(commitId(eventId, ledger.version + 1), withoutOutbox, maxTimeMS ? { maxTimeMS } : {}).lean<CommitDoc>()
        : null;
      if (!next) break;
      ledger = applyCommit(ledger, eventId, next.version, next);
    }
    if (ledger) this.remember(ledger);
    return ledger;
  }

  /**
   * Append the next version with the events of the change (its outbox): the new commit's id, or
   * undefined when another writer took that version first.
   */
  async append(previous: Ledger | undefined, next: Ledger, delta: LedgerDelta, events: readonly PendingEvent[]): Promise<string | undefined> {
    const version = (previous?.version ?? 0) + 1;
    const id = commitId(next.id, version);
    const commit: CommitDoc = { _id: id, eventId: next.id, version, ...delta, committedAt: new Date() };
    this.eventsOf.set(commit, events);
    if (!(await this.commitInserts.insert(commit))) return undefined;
    this.remember({ ...next, version });
    return id;
  }

  /**
   * Personal data does not outlive its anonymisation in the history: every earlier commit that
   * still holds the registration's contacts (its entry; in commits written before events were
   * staged by group, the snapshots in events not yet published too) gets the anonymised ones, and
   * so do the snapshots in events still staged for publication. Commits are otherwise immutable;
   * the one other writer of an older commit is the relay's sweep, under the same document lock
   * (and on FerretDB an update writes back the whole document it read: so each commit is read
   * again after its write).
   */
  async eraseContacts(eventId: string, registrationId: string): Promise<number> {
    const current = (await this.load(eventId))?.registrations.find((r) => r.id === registrationId);
    if (!current?.anonymizedAt) return 0;
    const contacts = {
      adults: current.adults.map((a) => ({ name: a.name, phone: a.phone })),
      contactEmail: current.contactEmail,
      anonymizedAt: current.anonymizedAt,
    };
    const holds = (commit: Pick<CommitDoc, 'entries' | 'outbox'>) =>
      commit.entries.some((e) => e.id === registrationId && !e.anonymizedAt) || (commit.outbox ?? []).some((o) => mentions(o.json, registrationId));
    const holders = await this.commits.find({ eventId }, { _id: 1, entries: 1, outbox: 1 }).lean<CommitDoc[]>();
    let erased = 0;
    for (const commit of holders) {
      if (!holds(commit)) continue;
      await withDocumentLock(this.commits, commit._id, async () => {
        for (let pass = 0; pass < 10; pass++) {
          const doc = await this.commits.findById(commit._id, { entries: 1, outbox: 1 }).lean<CommitDoc>();
          if (!doc || !holds(doc)) return;
          const entries = doc.entries.map((e) => (e.id === registrationId && !e.anonymizedAt ? scrub(e, contacts) : e));
          const outbox = doc.outbox?.map((o) => scrubStored(o, registrationId, contacts));
          await this.commits.updateOne({ _id: commit._id }, { $set: { entries, ...(outbox ? { outbox } : {}) } });
        }
        throw new Error(`contacts of registration ${registrationId} still in commit ${commit._id}`);
      });
      erased++;
    }
    await this.bus.outbox.rewriteStaged(this.commits, (o) => scrubStored(o, registrationId, contacts));
    return erased;
  }

  /**
   * Before the commit that creates them: the references new registrations need (see
   * RegistrationRefDoc): one per organisation new to the event (`before`: the ledger the commit
   * follows), one per registration whose id does not carry its event.
   */
  async index(eventId: string, entries: Entry[], before: Ledger | undefined): Promise<void> {
    const present = new Set(before?.registrations.map((r) => r.organizationId));
    const docs: RegistrationRefDoc[] = [];
    for (const e of entries) {
      if (eventIdIn(e.id) !== eventId) {
        docs.push({ _id: e.id, eventId, organizationId: e.organizationId });
      } else if (!present.has(e.organizationId)) {
        present.add(e.organizationId);
        docs.push({ _id: organizationRefId(eventId, e.organizationId), eventId, organizationId: e.organizationId });
      }
    }
    // A retried batch, or another instance, may have written some already: those are there.
    if (docs.length) await this.refInserts.insertAll(docs);
  }

  /** The event a registration belongs to (404 when there is no such registration). */
  async eventIdOf(registrationId: string, maxTimeMS?: number): Promise<string> {
    const carried = eventIdIn(registrationId);
    if (carried !== undefined) {
      // The ledger (in memory, as a rule) says whether the registration is there.
      if ((await this.load(carried, maxTimeMS))?.registrations.some((r) => r.id === registrationId)) return carried;
    } else {
      const ref = await this.refs.findById(registrationId, undefined, maxTimeMS ? { maxTimeMS } : {}).lean();
      if (ref) return ref.eventId;
    }
    throw errors.notFound('Регистрация не найдена');
  }

  /** Events in which an organisation has registered groups. */
  async eventIdsOf(organizationId: string, maxTimeMS?: number): Promise<string[]> {
    const refs = await this.refs.find({ organizationId }, { eventId: 1 }, maxTimeMS ? { maxTimeMS } : {}).lean();
    return [...new Set(refs.map((r) => r.eventId))];
  }

  private async replay(eventId: string, maxTimeMS?: number): Promise<Ledger | undefined> {
    const docs = await this.commits
      .find({ eventId }, withoutOutbox, maxTimeMS ? { maxTimeMS } : {})
      .sort({ version: 1 })
      .lean<CommitDoc[]>();
    let ledger: Ledger | undefined;
    for (const doc of docs) {
      if (doc.version !== (ledger?.version ?? 0) + 1) break; // a gap cannot happen; stop rather than skip
      ledger = applyCommit(ledger, eventId, doc.version, doc);
    }
    return ledger;
  }

  private remember(ledger: Ledger): void {
    keepRecent(this.cache, ledger.id, ledger, CACHE_LIMIT);
  }
}

type Contacts = Pick<Entry, 'adults' | 'contactEmail' | 'anonymizedAt'>;

function scrub(entry: Entry, contacts: Contacts): Entry {
  const { notes: _notes, ...rest } = entry;
  return { ...rest, ...contacts };
}

/** Whether an outbox event's payload (JSON text) is a snapshot of this registration. */
function mentions(json: string, registrationId: string): boolean {
  return json.includes(registrationId) && (JSON.parse(json) as { registration?: { id?: string } }).registration?.id === registrationId;
}

/** An outbox event with the registration's contacts anonymised, if it is a snapshot of it. */
function scrubStored(o: StoredOutboxEvent, registrationId: string, contacts: Contacts): StoredOutboxEvent {
  return mentions(o.json, registrationId) ? { ...o, json: scrubEvent(o.json, contacts) } : o;
}

function scrubEvent(json: string, contacts: Contacts): string {
  const d = JSON.parse(json) as { registration: Record<string, unknown> };
  const { notes: _notes, ...registration } = d.registration;
  return JSON.stringify({
    ...d,
    registration: { ...registration, adults: contacts.adults, contactEmail: contacts.contactEmail, anonymizedAt: contacts.anonymizedAt!.toISOString() },
  });
}
