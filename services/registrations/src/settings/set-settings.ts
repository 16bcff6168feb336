import { Actor, Availability } from '@tochka/contracts';
import { LedgerDraft } from '../ledger/ledger-draft';
import { availabilityOf } from '../ledger/ledger';
import { assertManagesEvent, visibleLedger } from '../registrations/access';

/**
 * The per-organisation limit lives here, not on the calendar event: it is a rule of registration
 * the host sets for its event (null removes it). It applies to new registrations only.
 */
export function setSettings(draft: LedgerDraft, actor: Actor, maxGroupsPerOrganization: number | null, defaultDeadlineHours: number): Availability {
  const ledger = visibleLedger(actor, draft.ledger);
  assertManagesEvent(actor, ledger, 'Изменить условия записи');
  if (maxGroupsPerOrganization === null) delete ledger.maxGroupsPerOrganization;
  else ledger.maxGroupsPerOrganization = maxGroupsPerOrganization;
  return availabilityOf(ledger, draft.now, defaultDeadlineHours);
}
