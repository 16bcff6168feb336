import { Capacity, errors, moscowMoment } from '@tochka/contracts';
import { deadlineOf, Ledger } from '../ledger/ledger';

/** Refuse unless the event takes new registrations now; returns its capacity. */
export function assertOpenForRegistration(ledger: Ledger, now: Date, defaultDeadlineHours: number): Capacity {
  const { event } = ledger;
  switch (event.status) {
    case 'proposed':
      throw errors.conflict('event_not_approved', 'Мероприятие ещё не согласовано: запись откроется после согласования');
    case 'rejected':
      throw errors.conflict('event_rejected', 'Мероприятие отклонено: запись на него не ведётся');
    case 'cancelled':
      throw errors.conflict('event_cancelled', 'Мероприятие отменено: запись закрыта');
    case 'held':
      throw errors.conflict('event_past', 'Мероприятие уже прошло: запись закрыта');
  }
  if (!event.capacity) {
    throw errors.conflict('registration_not_offered', 'На это мероприятие запись групп не ведётся: не указана вместимость');
  }
  assertNotStarted(ledger, now, 'запись закрыта');
  const deadline = deadlineOf(event, defaultDeadlineHours);
  if (now >= deadline) {
    throw errors.conflict('registration_closed', `Запись закрыта: приём заявок завершился ${moscowMoment(deadline)}`, {
      registrationDeadline: deadline.toISOString(),
    });
  }
  return event.capacity;
}

/** Registrations change only while the event is ahead and not cancelled. */
export function assertNotStarted(ledger: Ledger, now: Date, consequence: string): void {
  if (ledger.event.status === 'cancelled') throw errors.conflict('event_cancelled', `Мероприятие отменено: ${consequence}`);
  if (now >= ledger.event.start) throw errors.conflict('event_past', `Мероприятие уже началось или прошло: ${consequence}`);
}
