import { z } from 'zod';
import { adultSchema, Availability, Capacity, EventStatus, EventSummary, Registration, RegistrationDetails, RegistrationStatus } from '@tochka/contracts';

type Adult = z.infer<typeof adultSchema>;

/**
 * The per-event ledger: what registrations know of a calendar event, and every registration for
 * it, in arrival order. Every change is decided on the whole ledger and stored as its next
 * version (see LedgerStore), so "at most capacity confirmed", "confirmed = the earliest that fit"
 * and "waitlist 1..n" hold by construction, with any number of instances.
 */

export interface OrganizationRef {
  organizationId: string;
  organizationName: string;
}

/** The read model of the calendar event (highest calendar `version` wins). */
export interface EventInfo {
  title: string;
  start: Date;
  end: Date;
  hostId: string;
  hostName: string;
  venueName: string;
  address: string;
  sequence: number;
  status: EventStatus;
  partners: OrganizationRef[];
  capacity?: Capacity;
  /** Explicit deadline from the calendar; otherwise a default before the start. */
  registrationDeadline?: Date;
  cancellationReason?: string;
  version: number;
}

interface Attendance {
  attended: boolean;
  actualChildren: number;
  recordedAt: Date;
}

/** A registration as the ledger keeps it: the public snapshot plus arrival order and request identity. */
export interface Entry {
  id: string;
  /** Arrival order within the event: the order of acceptance, used for promotion. */
  seq: number;
  organizationId: string;
  organizationName: string;
  groupName: string;
  /** The group name normalised, for "same group twice". */
  groupKey: string;
  children: number;
  ageBand?: string;
  adults: Adult[];
  contactEmail: string;
  notes?: string;
  status: RegistrationStatus;
  waitlistPosition?: number;
  cancellationReason?: string;
  attendance?: Attendance;
  createdBy: { userId: string; organizationId: string };
  createdAt: Date;
  updatedAt: Date;
  version: number;
  idempotencyKey?: string;
  /** Hash of the original request, to tell a retry from a different request reusing its key. */
  requestHash?: string;
  /** The contacts were removed after the event (anonymize.ts). */
  anonymizedAt?: Date;
}

export interface Ledger {
  id: string;
  event: EventInfo;
  /** Registrations-side setting of the host: at most this many active groups per organisation. */
  maxGroupsPerOrganization?: number;
  nextSeq: number;
  registrations: Entry[];
  version: number;
}

/**
 * A copy of a ledger to change (LedgerDraft): the ledger, its event and each entry are copied;
 * their nested values (adults, attendance, partners, capacity, dates) are shared, because every
 * change replaces them whole (`touch`, `ledger.event = …`) and none changes them in place.
 * `ledger-draft.spec.ts` runs every operation on a ledger frozen all the way down to hold it to
 * that. (`structuredClone` here, once per draft and per operation, took a tenth of the service's
 * CPU in a registration burst.)
 */
export function copyOf(ledger: Ledger): Ledger {
  return { ...ledger, event: { ...ledger.event }, registrations: ledger.registrations.map((entry) => ({ ...entry })) };
}

const ACTIVE: ReadonlySet<RegistrationStatus> = new Set(['confirmed', 'waitlisted']);

export function isActive(entry: Pick<Entry, 'status'>): boolean {
  return ACTIVE.has(entry.status);
}

export function groupKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').replace(/ё/g, 'е').replace(/Ё/g, 'Е').toLowerCase();
}

export function deadlineOf(event: EventInfo, defaultHours: number): Date {
  return event.registrationDeadline ?? new Date(event.start.getTime() - defaultHours * 3600_000);
}

export function confirmedTotals(ledger: Ledger): { children: number; groups: number } {
  let children = 0;
  let groups = 0;
  for (const e of ledger.registrations) {
    if (e.status !== 'confirmed') continue;
    children += e.children;
    groups += 1;
  }
  return { children, groups };
}

/** Free places by each measure the event declares (undefined: that measure is not limited). */
export function freePlaces(ledger: Ledger): { seats?: number; groups?: number } {
  const { capacity } = ledger.event;
  const used = confirmedTotals(ledger);
  return {
    ...(capacity?.seats !== undefined ? { seats: Math.max(0, capacity.seats - used.children) } : {}),
    ...(capacity?.groups !== undefined ? { groups: Math.max(0, capacity.groups - used.groups) } : {}),
  };
}

/** Whether one more group of `children` fits now (`extraGroups` = 0 when an already confirmed group grows). */
export function fits(ledger: Ledger, children: number, extraGroups = 1): boolean {
  if (!ledger.event.capacity) return false;
  const free = freePlaces(ledger);
  return (free.seats === undefined || children <= free.seats) && (free.groups === undefined || extraGroups <= free.groups);
}

export function summaryOf(ledger: Ledger): EventSummary {
  const e = ledger.event;
  return {
    id: ledger.id,
    title: e.title,
    start: e.start.toISOString(),
    end: e.end.toISOString(),
    hostId: e.hostId,
    hostName: e.hostName,
    venueName: e.venueName,
    address: e.address,
    sequence: e.sequence,
  };
}

export function toRegistration(ledger: Ledger, e: Entry): Registration {
  return {
    id: e.id,
    eventId: ledger.id,
    organizationId: e.organizationId,
    organizationName: e.organizationName,
    groupName: e.groupName,
    children: e.children,
    ...(e.ageBand !== undefined ? { ageBand: e.ageBand } : {}),
    adults: e.adults.map((a) => ({ name: a.name, phone: a.phone })),
    contactEmail: e.contactEmail,
    ...(e.notes !== undefined ? { notes: e.notes } : {}),
    status: e.status,
    ...(e.waitlistPosition !== undefined ? { waitlistPosition: e.waitlistPosition } : {}),
    ...(e.cancellationReason !== undefined ? { cancellationReason: e.cancellationReason } : {}),
    ...(e.attendance
      ? { attendance: { attended: e.attendance.attended, actualChildren: e.attendance.actualChildren, recordedAt: e.attendance.recordedAt.toISOString() } }
      : {}),
    createdBy: { userId: e.createdBy.userId, organizationId: e.createdBy.organizationId },
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    version: e.version,
    ...(e.anonymizedAt ? { anonymizedAt: e.anonymizedAt.toISOString() } : {}),
  };
}

export function detailsOf(ledger: Ledger, e: Entry): RegistrationDetails {
  return { ...toRegistration(ledger, e), event: summaryOf(ledger) };
}

/** Open for new registrations: approved (or at risk: that changes nothing here), with capacity, before the deadline. */
export function isOpen(ledger: Ledger, now: Date, defaultDeadlineHours: number): boolean {
  const e = ledger.event;
  return (e.status === 'approved' || e.status === 'at_risk') && !!e.capacity && now < e.start && now < deadlineOf(e, defaultDeadlineHours);
}

export function availabilityOf(ledger: Ledger, now: Date, defaultDeadlineHours: number): Availability {
  const confirmed = confirmedTotals(ledger);
  const waitlisted = ledger.registrations.filter((r) => r.status === 'waitlisted');
  const free = freePlaces(ledger);
  const { capacity } = ledger.event;
  return {
    event: summaryOf(ledger),
    status: ledger.event.status,
    ...(capacity
      ? {
          capacity: {
            ...(capacity.seats !== undefined ? { seats: capacity.seats } : {}),
            ...(capacity.groups !== undefined ? { groups: capacity.groups } : {}),
          },
        }
      : {}),
    confirmedChildren: confirmed.children,
    confirmedGroups: confirmed.groups,
    waitlistedChildren: waitlisted.reduce((n, r) => n + r.children, 0),
    waitlistedGroups: waitlisted.length,
    ...(free.seats !== undefined ? { freeSeats: free.seats } : {}),
    ...(free.groups !== undefined ? { freeGroups: free.groups } : {}),
    registrationDeadline: deadlineOf(ledger.event, defaultDeadlineHours).toISOString(),
    open: isOpen(ledger, now, defaultDeadlineHours),
    ...(ledger.maxGroupsPerOrganization !== undefined ? { maxGroupsPerOrganization: ledger.maxGroupsPerOrganization } : {}),
  };
}
