import { CalendarEvent, errors } from '@tochka/contracts';
import { EventInternals } from './event.mapper';
import { DAY_MS } from './when';

/** Instants as the stored events have them (UTC, milliseconds), whatever offset the request used. */
export const iso = (instant: string) => new Date(instant).toISOString();

export function defaultDeadline(start: string): string {
  return new Date(Date.parse(start) - DAY_MS).toISOString();
}

/** A default deadline moves with the event; a given one stays, unless it would now fall after the start. */
export function movedDeadline(current: CalendarEvent, internals: EventInternals, time: { start: string; registrationDeadline?: string }) {
  if (time.registrationDeadline) return { registrationDeadline: iso(time.registrationDeadline), isDefault: false };
  if (!current.registrationDeadline) return { registrationDeadline: undefined, isDefault: false };
  if (internals.deadlineIsDefault) return { registrationDeadline: defaultDeadline(time.start), isDefault: true };
  if (Date.parse(current.registrationDeadline) > Date.parse(time.start)) {
    throw errors.validation([{ path: 'registrationDeadline', message: 'Срок записи оказался бы позже нового начала мероприятия: укажите новый срок' }]);
  }
  return { registrationDeadline: current.registrationDeadline, isDefault: false };
}
