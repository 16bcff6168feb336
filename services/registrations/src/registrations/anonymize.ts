import { Actor, errors, moscowMoment, RegistrationDetails, registrationEvents } from '@tochka/contracts';
import { LedgerDraft } from '../ledger/ledger-draft';
import { detailsOf, Entry } from '../ledger/ledger';
import { visibleEntry, visibleLedger } from './access';

/** What stands in for the removed contacts: the schema still needs an adult and an address. */
export const ANONYMOUS_ADULT = { name: 'Данные удалены', phone: 'удалён' };
export const anonymousEmail = (registrationId: string) => `removed-${registrationId}@anonymized.invalid`;

/** The contacts of an entry as they are after anonymisation. */
export function anonymousContacts(entry: Pick<Entry, 'id'>, at: Date): Pick<Entry, 'adults' | 'contactEmail' | 'notes' | 'anonymizedAt'> {
  return { adults: [ANONYMOUS_ADULT], contactEmail: anonymousEmail(entry.id), notes: undefined, anonymizedAt: at };
}

/**
 * After the event, the coordinator removes a registration's personal data on request (152-ФЗ):
 * the accompanying adults' names and phones, the contact e-mail and the notes. The group, its
 * size, status and attendance stay, so the event's figures do not change. Announced as
 * `registration.anonymized`, on which every read model drops its copy and nobody is mailed.
 * Doing it twice answers the same.
 */
export function anonymizeRegistration(draft: LedgerDraft, actor: Actor, id: string): RegistrationDetails {
  const ledger = visibleLedger(actor, draft.ledger);
  const entry = visibleEntry(actor, ledger, id);
  if (actor.role !== 'coordinator') throw errors.forbidden('Обезличить запись может только координатор');
  if (entry.anonymizedAt) return detailsOf(ledger, entry);
  if (draft.now < ledger.event.end) {
    throw errors.conflict('event_not_over', `Контакты обезличиваются после окончания мероприятия (${moscowMoment(ledger.event.end)})`);
  }
  draft.touch(entry, anonymousContacts(entry, draft.now));
  draft.emit(registrationEvents.anonymized, entry);
  return detailsOf(ledger, entry);
}
