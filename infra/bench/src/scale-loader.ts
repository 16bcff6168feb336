import { randomUUID } from 'node:crypto';

/** Collections the loader writes: the calendar's events, the registrations' ledger commits and references. */
export interface ScaleCollections {
  events: AnyCollection;
  commits: AnyCollection;
  refs: AnyCollection;
}

/** What a mongoose connection's `collection()` and the driver's both offer. */
interface AnyCollection {
  insertMany(docs: Record<string, unknown>[], options?: { ordered?: boolean }): Promise<unknown>;
}

/**
 * One real event as the calendar stored it (published: empty outbox), and its ledger's commits as
 * the registrations service stored them after one registration: every clone has exactly the
 * services' own shape, whatever fields they add.
 */
export interface ScaleTemplate {
  event: Record<string, any>;
  commits: Record<string, any>[];
}

export interface ScaleRange {
  /** Events `from` (inclusive) to `to` (exclusive) of the series. */
  from: number;
  to: number;
  /** Events per Moscow month, months in a row from `firstMonth` (UTC midnight of a month's first day). */
  perMonth: number;
  firstMonth: number;
  /** Every `ledgerEvery`-th event has a ledger with `perLedger` registrations. */
  ledgerEvery: number;
  perLedger: number;
}

const HOUR = 3600_000;
const EVENTS_PER_INSERT = 1000;
const COMMITS_PER_INSERT = 200;
const REFS_PER_INSERT = 5000;
/** Chunks of EVENTS_PER_INSERT events in flight at once (each: its events, commits and references). */
const IN_FLIGHT = 2;

/**
 * Store events `from`..`to` of a series in the services' stored shapes with the raw driver, in
 * big `insertMany` batches (published long ago: empty outboxes, no pending flag): event `i` in
 * month `i / perMonth` from `firstMonth`, on one of its first 27 days between 08:00 and 18:00
 * Moscow time, with its month bucket; every `ledgerEvery`-th event also gets its ledger — the
 * template's commits with `perLedger` registrations in the one that had the template's
 * registration (confirmed while the seats last, then waitlisted 1..n) — and their references.
 */
export async function loadScale(
  collections: ScaleCollections,
  template: ScaleTemplate,
  range: ScaleRange,
): Promise<{ eventIds: string[]; ledgeredIds: string[]; registrations: number }> {
  const { _id: templateId, outbox: _outbox, outboxPending: _pending, ...event } = template.event;
  // The driver's ObjectId, without depending on the driver here.
  const ObjectId = templateId.constructor as new () => { toHexString(): string };
  const entryTemplate = template.commits.flatMap((c) => c.entries ?? [])[0];
  if (!entryTemplate) throw new Error('the template ledger has no registration');
  const seats: number = event.capacity?.seats ?? Number.POSITIVE_INFINITY;
  const newEntryId = /^[0-9a-f]{24}$/.test(entryTemplate.id) ? () => new ObjectId().toHexString() : () => randomUUID();
  const eventIds: string[] = [];
  const ledgeredIds: string[] = [];
  let registrations = 0;

  const chunk = async (from: number, to: number) => {
    const events: Record<string, unknown>[] = [];
    const commits: Record<string, unknown>[] = [];
    const refs: Record<string, unknown>[] = [];
    for (let i = from; i < to; i++) {
      const month = Math.floor(i / range.perMonth);
      const k = i % range.perMonth;
      const first = new Date(range.firstMonth);
      const monthStart = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + month, 1);
      const start = new Date(monthStart + (k % 27) * 24 * HOUR + (5 + (k % 10)) * HOUR);
      const end = new Date(start.getTime() + 90 * 60_000);
      const deadline = event.registrationDeadline ? { registrationDeadline: new Date(start.getTime() - 24 * HOUR) } : {};
      const id = new ObjectId();
      const eventId = id.toHexString();
      eventIds.push(eventId);
      const moscow = new Date(start.getTime() + 3 * HOUR);
      events.push({ ...event, _id: id, title: `Мастер-класс № ${i + 1}`, start, end, ...deadline, months: [moscow.toISOString().slice(0, 7)], outbox: [] });
      if (i % range.ledgerEvery !== 0) continue;
      ledgeredIds.push(eventId);
      for (const c of template.commits) {
        const { outboxPending: _p, ...commit } = c;
        const clone: Record<string, unknown> = { ...commit, _id: `${eventId}:${c.version}`, eventId, outbox: [] };
        if (c.event) clone.event = { ...c.event, title: `Мастер-класс № ${i + 1}`, start, end, ...deadline };
        if (c.entries?.length) {
          let free = seats;
          let waiting = 0;
          clone.entries = Array.from({ length: range.perLedger }, (_, n) => {
            const children = 1 + (n % 5);
            const confirmed = children <= free;
            if (confirmed) free -= children;
            const groupName = `Группа № ${n + 1}`;
            const { waitlistPosition: _w, ...base } = entryTemplate;
            const entry = {
              ...base,
              id: newEntryId(),
              seq: n + 1,
              groupName,
              groupKey: groupName.toLowerCase(),
              children,
              status: confirmed ? 'confirmed' : 'waitlisted',
              ...(confirmed ? {} : { waitlistPosition: ++waiting }),
            };
            refs.push({ _id: entry.id, eventId, organizationId: entry.organizationId });
            return entry;
          });
          clone.nextSeq = range.perLedger + 1;
          registrations += range.perLedger;
        }
        commits.push(clone);
      }
    }
    const inBatches = async (collection: AnyCollection, docs: Record<string, unknown>[], size: number) => {
      for (let i = 0; i < docs.length; i += size) await collection.insertMany(docs.slice(i, i + size), { ordered: false });
    };
    await Promise.all([
      inBatches(collections.events, events, EVENTS_PER_INSERT),
      inBatches(collections.commits, commits, COMMITS_PER_INSERT),
      inBatches(collections.refs, refs, REFS_PER_INSERT),
    ]);
  };

  let next = range.from;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < range.to) {
        const from = next;
        next = Math.min(range.to, next + EVENTS_PER_INSERT);
        await chunk(from, next);
      }
    }),
  );
  return { eventIds, ledgeredIds, registrations };
}
