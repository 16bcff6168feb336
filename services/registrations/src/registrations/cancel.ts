import { Actor, RegistrationDetails, registrationEvents } from '@tochka/contracts';
import { LedgerDraft } from '../ledger/ledger-draft';
import { detailsOf } from '../ledger/ledger';
import { assertMayCancel, visibleEntry, visibleLedger } from './access';
import { assertNotStarted } from './event-state';

/** Cancel one registration; the waitlist moves up at once. Cancelling twice answers the same. */
export function cancelRegistration(draft: LedgerDraft, actor: Actor, id: string, reason?: string): RegistrationDetails {
  const ledger = visibleLedger(actor, draft.ledger);
  const entry = visibleEntry(actor, ledger, id);
  assertMayCancel(actor, ledger, entry);
  if (entry.status === 'cancelled') return detailsOf(ledger, entry);
  assertNotStarted(ledger, draft.now, 'отменить запись нельзя');
  draft.touch(entry, { status: 'cancelled', waitlistPosition: undefined, ...(reason ? { cancellationReason: reason } : {}) });
  draft.emit(registrationEvents.cancelled, entry);
  draft.settle();
  return detailsOf(ledger, entry);
}
