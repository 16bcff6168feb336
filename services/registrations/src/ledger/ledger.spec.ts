import { eventInfo as event } from './event-info.fixture';
import { Entry, EventInfo, Ledger, availabilityOf, confirmedTotals, deadlineOf, fits, freePlaces, groupKey, isOpen, toRegistration } from './ledger';

const start = new Date('2023-03-15T07:00:00Z');

let seq = 0;
function entry(status: Entry['status'], children: number, over: Partial<Entry> = {}): Entry {
  seq += 1;
  const at = new Date('2023-03-01T09:00:00Z');
  return {
    id: `r${seq}`,
    seq,
    organizationId: 'ds-9',
    organizationName: 'МБДОУ д/с № 9',
    groupName: `Группа ${seq}`,
    groupKey: `группа ${seq}`,
    children,
    adults: [{ name: 'Воспитатель', phone: '+7 900 000-00-00' }],
    contactEmail: 'ds-9@example.test',
    status,
    createdBy: { userId: 'u-ds', organizationId: 'ds-9' },
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...over,
  };
}

const ledger = (registrations: Entry[], over: Partial<EventInfo> = {}): Ledger => ({
  id: 'e1',
  event: event(over),
  nextSeq: seq + 1,
  registrations,
  version: 3,
});

describe('the registrations ledger', () => {
  it('counts only confirmed groups against capacity', () => {
    const l = ledger([entry('confirmed', 8), entry('waitlisted', 5), entry('cancelled', 6), entry('confirmed', 4)]);
    expect(confirmedTotals(l)).toEqual({ children: 12, groups: 2 });
    expect(freePlaces(l)).toEqual({ seats: 8, groups: 1 });
  });

  it('fits a group by every measure the event declares, never below zero', () => {
    const l = ledger([entry('confirmed', 8), entry('confirmed', 4)]);
    expect(fits(l, 8)).toBe(true);
    expect(fits(l, 9)).toBe(false);
    const full = ledger([entry('confirmed', 2), entry('confirmed', 2), entry('confirmed', 2)]);
    expect(fits(full, 1)).toBe(false); // no group left, though seats are
    expect(fits(full, 1, 0)).toBe(true); // a confirmed group growing takes no new group
    expect(freePlaces(ledger([entry('confirmed', 25)]))).toEqual({ seats: 0, groups: 2 });
    expect(freePlaces(ledger([], { capacity: { groups: 2 } }))).toEqual({ groups: 2 });
  });

  it('fits nothing when the event declares no capacity', () => {
    expect(fits(ledger([], { capacity: undefined }), 1)).toBe(false);
  });

  it('closes at the calendar deadline, else the default hours before the start, and at the start', () => {
    expect(deadlineOf(event(), 24)).toEqual(new Date('2023-03-14T07:00:00Z'));
    const explicit = new Date('2023-03-10T12:00:00Z');
    expect(deadlineOf(event({ registrationDeadline: explicit }), 24)).toEqual(explicit);
    const l = ledger([]);
    expect(isOpen(l, new Date('2023-03-14T06:59:59Z'), 24)).toBe(true);
    expect(isOpen(l, new Date('2023-03-14T07:00:00Z'), 24)).toBe(false);
    expect(isOpen(ledger([], { registrationDeadline: new Date('2023-03-16T00:00:00Z') }), start, 24)).toBe(false);
    expect(isOpen(ledger([], { status: 'at_risk' }), new Date('2023-03-01T00:00:00Z'), 24)).toBe(true);
    expect(isOpen(ledger([], { status: 'proposed' }), new Date('2023-03-01T00:00:00Z'), 24)).toBe(false);
  });

  it('treats group names alike regardless of case, spaces and ё', () => {
    expect(groupKey('  Старшая   группа «Ёлочка» ')).toBe(groupKey('старшая группа «елочка»'));
  });

  it('reports availability: confirmed, waitlisted, free and the deadline', () => {
    const l = ledger([entry('confirmed', 8), entry('waitlisted', 5, { waitlistPosition: 1 }), entry('waitlisted', 3, { waitlistPosition: 2 })]);
    expect(availabilityOf(l, new Date('2023-03-01T00:00:00Z'), 24)).toMatchObject({
      status: 'approved',
      capacity: { seats: 20, groups: 3 },
      confirmedChildren: 8,
      confirmedGroups: 1,
      waitlistedChildren: 8,
      waitlistedGroups: 2,
      freeSeats: 12,
      freeGroups: 2,
      registrationDeadline: '2023-03-14T07:00:00.000Z',
      open: true,
    });
  });

  it('shows a registration with instants as ISO text and without the ledger-only fields', () => {
    const e = entry('waitlisted', 5, { waitlistPosition: 2, idempotencyKey: 'k1', requestHash: 'h1' });
    const shown = toRegistration(ledger([e]), e);
    expect(shown).toMatchObject({ id: e.id, eventId: 'e1', status: 'waitlisted', waitlistPosition: 2, createdAt: '2023-03-01T09:00:00.000Z' });
    expect(shown).not.toHaveProperty('seq');
    expect(shown).not.toHaveProperty('idempotencyKey');
    expect(shown).not.toHaveProperty('groupKey');
  });
});
