import { Actor, DomainError, errors, RegistrationDetails, RegistrationPatch } from '@tochka/contracts';
import { LedgerDraft } from '../ledger/ledger-draft';
import { detailsOf, Entry, freePlaces } from '../ledger/ledger';
import { assertMayChange, visibleEntry, visibleLedger } from './access';
import { assertNotStarted } from './event-state';

/**
 * Size, contacts, notes. A confirmed group grows only into free places (409 names them); any
 * group may shrink, and the places it frees go to the waitlist at once.
 */
export function changeRegistration(draft: LedgerDraft, actor: Actor, id: string, patch: RegistrationPatch): RegistrationDetails {
  const ledger = visibleLedger(actor, draft.ledger);
  const entry = visibleEntry(actor, ledger, id);
  assertMayChange(actor, entry);
  if (entry.status === 'cancelled') throw errors.conflict('registration_cancelled', 'Запись отменена: изменить её нельзя');
  assertNotStarted(ledger, draft.now, 'изменить запись нельзя');

  const next: Partial<Entry> = {};
  if (patch.children !== undefined && patch.children !== entry.children) {
    const seats = ledger.event.capacity?.seats;
    if (seats !== undefined && patch.children > seats) {
      const message = `Детей в группе (${patch.children}) больше, чем мест на всём мероприятии (${seats})`;
      throw new DomainError('group_exceeds_capacity', message, 400, [{ path: 'children', message }], { capacitySeats: seats });
    }
    const growth = patch.children - entry.children;
    const free = freePlaces(ledger).seats;
    if (entry.status === 'confirmed' && free !== undefined && growth > free) {
      throw errors.conflict('not_enough_places', `Свободных мест: ${free}. Увеличить группу на ${growth} нельзя.`, { freeSeats: free });
    }
    next.children = patch.children;
  }
  if (patch.ageBand !== undefined && patch.ageBand !== entry.ageBand) next.ageBand = patch.ageBand;
  if (patch.contactEmail !== undefined && patch.contactEmail !== entry.contactEmail) next.contactEmail = patch.contactEmail;
  // An empty text removes the notes.
  if (patch.notes !== undefined && (patch.notes || undefined) !== entry.notes) next.notes = patch.notes || undefined;
  if (patch.adults !== undefined && JSON.stringify(patch.adults) !== JSON.stringify(entry.adults.map((a) => ({ name: a.name, phone: a.phone })))) {
    next.adults = patch.adults;
  }

  const changed = Object.keys(next);
  if (!changed.length) return detailsOf(ledger, entry);
  draft.touch(entry, next);
  draft.emitChanged(entry, changed);
  draft.settle();
  return detailsOf(ledger, entry);
}
