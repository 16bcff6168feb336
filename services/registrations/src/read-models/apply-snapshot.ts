import { CalendarEvent, registrationEvents } from '@tochka/contracts';
import { LedgerDraft } from '../ledger/ledger-draft';
import { EventInfo, isActive } from '../ledger/ledger';

/** What registrations keep of a calendar event. */
function eventInfoOf(event: CalendarEvent): EventInfo {
  return {
    title: event.title,
    start: new Date(event.start),
    end: new Date(event.end),
    hostId: event.host.organizationId,
    hostName: event.host.organizationName,
    venueName: event.venue.roomName,
    address: event.venue.address,
    sequence: event.sequence,
    status: event.status,
    partners: event.partners.map((p) => ({ organizationId: p.organizationId, organizationName: p.organizationName })),
    ...(event.capacity ? { capacity: { ...event.capacity } } : {}),
    ...(event.registrationDeadline ? { registrationDeadline: new Date(event.registrationDeadline) } : {}),
    ...(event.cancellationReason ? { cancellationReason: event.cancellationReason } : {}),
    version: event.version,
  };
}

/**
 * Take a calendar snapshot into the ledger. Older or repeated snapshots (redelivery, reordering)
 * change nothing. A cancelled event cancels every registration with the event's reason; a
 * rescheduled one keeps them (the deadline follows the start unless the calendar set one); a
 * raised capacity promotes the waitlist. Registrations of a partner no longer invited, or of an
 * event at risk, stay: the people concerned are told by notifications, and the coordinator decides.
 */
export function applySnapshot(draft: LedgerDraft, snapshot: CalendarEvent): void {
  const info = eventInfoOf(snapshot);
  const ledger = draft.ledger;
  if (!ledger) {
    draft.init({ id: snapshot.id, event: info, nextSeq: 1, registrations: [], version: 0 });
    return;
  }
  if (snapshot.version <= ledger.event.version) return;
  ledger.event = info;
  if (info.status === 'cancelled') {
    const reason = info.cancellationReason ?? 'Мероприятие отменено';
    for (const entry of ledger.registrations.filter(isActive)) {
      draft.touch(entry, { status: 'cancelled', waitlistPosition: undefined, cancellationReason: reason });
      draft.emit(registrationEvents.cancelled, entry);
    }
  }
  draft.settle();
}
