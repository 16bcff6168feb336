import { Capacity, errors } from '@tochka/contracts';
import { LedgerDraft } from '../ledger/ledger-draft';
import { confirmedTotals } from '../ledger/ledger';

/**
 * Calendar asks before it changes an event's capacity. Refused when fewer places than confirmed
 * would remain (confirmed groups are never undone); a raise promotes the waitlist at once.
 * An event this service has not heard of has nothing confirmed.
 */
export function applyCapacity(draft: LedgerDraft, capacity: Partial<Capacity>): { confirmedChildren: number; confirmedGroups: number } {
  const ledger = draft.ledger;
  if (!ledger) return { confirmedChildren: 0, confirmedGroups: 0 };
  if (capacity.seats === undefined && capacity.groups === undefined) {
    throw errors.validation([{ path: 'capacity', message: 'Укажите число мест и/или число групп' }]);
  }
  const used = confirmedTotals(ledger);
  if (capacity.seats !== undefined && capacity.seats < used.children) {
    throw errors.conflict('capacity_below_confirmed', `Нельзя уменьшить вместимость до ${capacity.seats} мест: подтверждено детей — ${used.children}`, {
      confirmedChildren: used.children,
      confirmedGroups: used.groups,
    });
  }
  if (capacity.groups !== undefined && capacity.groups < used.groups) {
    throw errors.conflict('capacity_below_confirmed', `Нельзя уменьшить число групп до ${capacity.groups}: подтверждено групп — ${used.groups}`, {
      confirmedChildren: used.children,
      confirmedGroups: used.groups,
    });
  }
  ledger.event.capacity = {
    ...(capacity.seats !== undefined ? { seats: capacity.seats } : {}),
    ...(capacity.groups !== undefined ? { groups: capacity.groups } : {}),
  } as Capacity;
  draft.settle();
  const after = confirmedTotals(ledger);
  return { confirmedChildren: after.children, confirmedGroups: after.groups };
}
