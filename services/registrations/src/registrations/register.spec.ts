import { Actor, DomainError, RegistrationInput } from '@tochka/contracts';
import { Entry, EventInfo, Ledger } from '../ledger/ledger';
import { eventInfo } from '../ledger/event-info.fixture';
import { LedgerDraft } from '../ledger/ledger-draft';
import { register, RegisterCommand } from './register';

const kindergarten: Actor = { userId: 'u-ds9', role: 'kindergarten', organizationId: 'ds-9' };
const stranger: Actor = { userId: 'u-ds2', role: 'kindergarten', organizationId: 'ds-2' };
const hostTeacher: Actor = { userId: 'u-s1', role: 'staff', organizationId: 'sosh-1' };
const before = new Date('2023-03-01T09:00:00Z'); // two weeks before the event

function ledger(over: Partial<EventInfo> = {}, registrations: Entry[] = []): Ledger {
  return {
    id: 'e1',
    event: eventInfo({ title: 'Мастер-класс', venueName: 'Кабинет № 5', sequence: 1, capacity: { seats: 10 }, ...over }),
    nextSeq: registrations.length + 1,
    registrations,
    version: 1,
  };
}

const input = (groupName: string, children: number): RegistrationInput => ({
  groupName,
  children,
  adults: [{ name: 'Воспитатель', phone: '+7 900 000-00-00' }],
  contactEmail: 'ds-9@example.test',
});
let n = 0;
const command = (actor: Actor, i: RegistrationInput, over: Partial<RegisterCommand> = {}): RegisterCommand => ({
  actor,
  input: i,
  id: `r${++n}`,
  requestHash: `hash-${i.groupName}-${i.children}`,
  ...over,
});

/** Given a ledger, when the commands arrive in order, then: the draft after them. */
function given(l: Ledger, now = before) {
  const draft = new LedgerDraft(l, now);
  return {
    draft,
    when: (cmd: RegisterCommand) => register(draft, cmd, 24),
    refused: (cmd: RegisterCommand): DomainError => {
      try {
        register(draft, cmd, 24);
      } catch (err) {
        if (err instanceof DomainError) return err;
        throw err;
      }
      throw new Error('expected a refusal');
    },
  };
}

describe('register: a group arrives', () => {
  it('is confirmed when it fits the free places now, otherwise last on the waitlist; each outcome is announced', () => {
    const { draft, when } = given(ledger()); // 10 seats
    expect(when(command(kindergarten, input('Солнышко', 6))).registration.status).toBe('confirmed');
    const second = when(command(kindergarten, input('Радуга', 5))).registration;
    expect([second.status, second.waitlistPosition]).toEqual(['waitlisted', 1]);
    // A smaller group that fits the 4 free places is confirmed although a larger one waits.
    expect(when(command(kindergarten, input('Звёздочка', 4))).registration.status).toBe('confirmed');
    const fourth = when(command(kindergarten, input('Капелька', 1))).registration;
    expect([fourth.status, fourth.waitlistPosition]).toEqual(['waitlisted', 2]);
    expect(draft.events.map((e) => e.type)).toEqual(['registration.confirmed', 'registration.waitlisted', 'registration.confirmed', 'registration.waitlisted']);
    expect(draft.ledger?.registrations.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
  });

  it('answers a repeat of the same request (same Idempotency-Key) with the first outcome, and refuses the key for another request', () => {
    const { draft, when, refused } = given(ledger());
    const first = when(command(kindergarten, input('Солнышко', 6), { idempotencyKey: 'key-1' }));
    const again = when(command(kindergarten, input('Солнышко', 6), { idempotencyKey: 'key-1' }));
    expect(again).toEqual({ registration: first.registration, replayed: true });
    expect(draft.ledger?.registrations).toHaveLength(1);
    expect(draft.events).toHaveLength(1);
    expect(refused(command(kindergarten, input('Радуга', 2), { idempotencyKey: 'key-1' }))).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
  });

  it('refuses the same group twice, a group larger than the event, and more groups than the host allows', () => {
    const { when, refused } = given({ ...ledger({ capacity: { seats: 10 } }), maxGroupsPerOrganization: 2 });
    when(command(kindergarten, input('Солнышко', 3)));
    expect(refused(command(kindergarten, input('  солнышко ', 2)))).toMatchObject({ status: 409, code: 'duplicate_group' });
    const tooBig = refused(command(kindergarten, input('Великаны', 11)));
    expect(tooBig).toMatchObject({ status: 400, code: 'group_exceeds_capacity' });
    expect(tooBig.errors).toEqual([{ path: 'children', message: 'Детей в группе (11) больше, чем мест на всём мероприятии (10)' }]);
    when(command(kindergarten, input('Радуга', 3)));
    expect(refused(command(kindergarten, input('Звёздочка', 1)))).toMatchObject({ status: 409, code: 'organization_limit_reached' });
  });

  it('refuses an organisation that is neither host nor partner, and a role that does not register groups', () => {
    const { refused } = given(ledger());
    expect(refused(command(stranger, input('Солнышко', 3))).status).toBe(403);
    expect(refused(command({ userId: 'u-c', role: 'coordinator', organizationId: 'mk-moshr' }, input('Солнышко', 3))).status).toBe(403);
  });

  it('refuses when the event is not open: not approved, cancelled, past the deadline, or without capacity', () => {
    // A proposal exists only for the host's users (and the coordinator): the partner is told nothing yet.
    expect(given(ledger({ status: 'proposed' })).refused(command(kindergarten, input('А', 1)))).toMatchObject({ status: 404, code: 'not_found' });
    expect(given(ledger({ status: 'proposed' })).refused(command(hostTeacher, input('А', 1)))).toMatchObject({ status: 409, code: 'event_not_approved' });
    expect(given(ledger({ status: 'cancelled' })).refused(command(kindergarten, input('А', 1)))).toMatchObject({ status: 409, code: 'event_cancelled' });
    expect(given(ledger({ capacity: undefined })).refused(command(kindergarten, input('А', 1)))).toMatchObject({
      status: 409,
      code: 'registration_not_offered',
    });
    const closed = given(ledger(), new Date('2023-03-14T07:00:00Z')).refused(command(kindergarten, input('А', 1)));
    expect(closed).toMatchObject({ status: 409, code: 'registration_closed' });
    expect(closed.message).toContain('14 марта 2023');
  });

  it('leaves no trace of a refused registration', () => {
    const { draft, refused } = given(ledger());
    refused(command(stranger, input('Солнышко', 3)));
    expect(draft.ledger?.registrations).toEqual([]);
    expect(draft.events).toEqual([]);
  });
});
