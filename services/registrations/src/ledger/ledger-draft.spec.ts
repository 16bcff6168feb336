import { Actor } from '@tochka/contracts';
import { applyCapacity } from '../capacity/apply-capacity';
import { cancelRegistration } from '../registrations/cancel';
import { changeRegistration } from '../registrations/change';
import { register } from '../registrations/register';
import { setSettings } from '../settings/set-settings';
import { eventInfo } from './event-info.fixture';
import { Ledger } from './ledger';
import { LedgerDraft } from './ledger-draft';

const now = new Date('2027-03-01T09:00:00Z');
const kindergarten: Actor = { userId: 'u-ds-9', role: 'kindergarten', organizationId: 'ds-9' };
const coordinator: Actor = { userId: 'u-mk', role: 'coordinator', organizationId: 'mk-moshr' };

const loaded = (): Ledger => ({
  id: 'e1',
  // Two weeks ahead of `now`, 10 seats.
  event: eventInfo({ start: new Date('2027-03-15T07:00:00Z'), end: new Date('2027-03-15T08:00:00Z'), capacity: { seats: 10 } }),
  nextSeq: 1,
  registrations: [],
  version: 0,
});

const group = (name: string, children: number) => ({
  groupName: name,
  children,
  adults: [{ name: 'Воспитатель', phone: '+7 900 000-00-00' }],
  contactEmail: 'ds-9@example.test',
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Runs `op` on a draft of `ledger`, which is frozen all the way down: any change in place throws. */
function onDraft(ledger: Ledger, op: (draft: LedgerDraft) => unknown): { ledger: Ledger } {
  const draft = new LedgerDraft(deepFreeze(ledger), now);
  op(draft);
  return { ledger: draft.ledger! };
}

describe('a ledger draft', () => {
  it('changes its copy only: every operation works on a loaded ledger frozen all the way down', () => {
    let ledger = loaded();
    const ids: string[] = [];
    for (const [name, children] of [
      ['Группа «Звёздочки»', 6],
      ['Группа «Солнышко»', 4],
      ['Группа «Радуга»', 5],
    ] as const) {
      const id = `e1_${String(ids.length).padStart(24, '0')}`;
      ({ ledger } = onDraft(ledger, (d) => register(d, { actor: kindergarten, input: group(name, children), id, requestHash: name }, 24)));
      ids.push(id);
    }
    expect(ledger.registrations.map((r) => [r.status, r.waitlistPosition])).toEqual([
      ['confirmed', undefined],
      ['confirmed', undefined],
      ['waitlisted', 1],
    ]);
    const beforeChange = ledger;
    ({ ledger } = onDraft(ledger, (d) =>
      changeRegistration(d, kindergarten, ids[1]!, { children: 3, adults: [{ name: 'Методист', phone: '+7 900 111-11-11' }] }),
    ));
    expect(beforeChange.registrations[1]).toMatchObject({ children: 4, adults: [{ name: 'Воспитатель' }], version: 1 });
    expect(ledger.registrations[1]).toMatchObject({ children: 3, adults: [{ name: 'Методист' }], version: 2 });
    ({ ledger } = onDraft(ledger, (d) => cancelRegistration(d, kindergarten, ids[0]!)));
    expect(ledger.registrations.map((r) => r.status)).toEqual(['cancelled', 'confirmed', 'confirmed']);
    ({ ledger } = onDraft(ledger, (d) => applyCapacity(d, { seats: 12 })));
    expect(ledger.event.capacity).toEqual({ seats: 12 });
    ({ ledger } = onDraft(ledger, (d) => setSettings(d, coordinator, 1, 24)));
    expect(ledger.maxGroupsPerOrganization).toBe(1);
    expect(beforeChange.event.capacity).toEqual({ seats: 10 });
    expect(beforeChange.maxGroupsPerOrganization).toBeUndefined();
  });

  it('restores a checkpoint: a refused operation of a batch leaves no trace', () => {
    const draft = new LedgerDraft(deepFreeze(loaded()), now);
    register(draft, { actor: kindergarten, input: group('Группа «Звёздочки»', 6), id: `e1_${'1'.padStart(24, '0')}`, requestHash: 'a' }, 24);
    const point = draft.checkpoint();
    register(draft, { actor: kindergarten, input: group('Группа «Солнышко»', 3), id: `e1_${'2'.padStart(24, '0')}`, requestHash: 'b' }, 24);
    expect(draft.ledger!.registrations).toHaveLength(2);
    draft.restore(point);
    expect(draft.ledger!.registrations.map((r) => r.groupName)).toEqual(['Группа «Звёздочки»']);
    expect(draft.events).toHaveLength(1);
    expect(draft.ledger!.nextSeq).toBe(2);
  });
});
