import { Entry, EventInfo, Ledger } from './ledger';

/** What one commit changes: the part of a ledger a write must store. */
export interface LedgerDelta {
  event?: EventInfo;
  maxGroupsPerOrganization?: number | null;
  nextSeq: number;
  entries: Entry[];
}

/**
 * The ledger after a commit. Registrations keep arrival order: a new one has the next sequence
 * number, a changed one replaces its earlier snapshot in place.
 */
export function applyCommit(ledger: Ledger | undefined, eventId: string, version: number, delta: LedgerDelta): Ledger {
  if (!ledger && !delta.event) throw new Error(`ledger ${eventId}: commit ${version} has no predecessor and no event`);
  const next: Ledger = ledger
    ? { ...ledger, registrations: [...ledger.registrations] }
    : { id: eventId, event: delta.event!, nextSeq: 1, registrations: [], version: 0 };
  if (delta.event) next.event = delta.event;
  if (delta.maxGroupsPerOrganization !== undefined) {
    if (delta.maxGroupsPerOrganization === null) delete next.maxGroupsPerOrganization;
    else next.maxGroupsPerOrganization = delta.maxGroupsPerOrganization;
  }
  const index = new Map(next.registrations.map((r, i) => [r.id, i]));
  for (const entry of delta.entries) {
    const at = index.get(entry.id);
    if (at === undefined) {
      index.set(entry.id, next.registrations.length);
      next.registrations.push(entry);
    } else {
      next.registrations[at] = entry;
    }
  }
  next.nextSeq = delta.nextSeq;
  next.version = version;
  return next;
}

/** What changed between two states of a ledger, or undefined when nothing did. */
export function deltaOf(previous: Ledger | undefined, next: Ledger): LedgerDelta | undefined {
  const before = new Map(previous?.registrations.map((r) => [r.id, r.version]));
  const entries = next.registrations.filter((r) => before.get(r.id) !== r.version);
  const eventChanged = !previous || !sameFields(previous.event, next.event);
  const limitChanged = previous?.maxGroupsPerOrganization !== next.maxGroupsPerOrganization;
  if (!entries.length && !eventChanged && !limitChanged) return undefined;
  return {
    ...(eventChanged ? { event: next.event } : {}),
    ...(limitChanged ? { maxGroupsPerOrganization: next.maxGroupsPerOrganization ?? null } : {}),
    nextSeq: next.nextSeq,
    entries,
  };
}

/**
 * Whether two events have the very same value in every field. A draft's event is a copy of the
 * loaded one (`copyOf`) whose fields are replaced whole, never changed in place, so a field that
 * changed is another value, and this is all a commit needs to know (no serialising of both).
 */
function sameFields(a: EventInfo, b: EventInfo): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as (keyof EventInfo)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
