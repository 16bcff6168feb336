import { Types } from 'mongoose';
import { CalendarEvent, calendarEventSchema } from '@tochka/contracts';
import { EventDoc } from './event.model';
import { monthsOf } from './month-buckets';

/** What is stored besides the snapshot. */
export interface EventInternals {
  deadlineIsDefault: boolean;
  approvedAt?: Date;
}

const INSTANTS = ['start', 'end', 'registrationDeadline', 'cancelledAt', 'createdAt', 'updatedAt'] as const;

export function toEvent(doc: EventDoc): CalendarEvent {
  const { _id, outbox: _o, outboxPending: _p, months: _m, deadlineIsDefault: _d, approvedAt: _a, createdWith: _c, ...rest } = doc;
  const event: Record<string, unknown> = { id: _id.toHexString(), ...rest };
  for (const key of INSTANTS) if (doc[key]) event[key] = new Date(doc[key]!).toISOString();
  for (const [key, value] of Object.entries(event)) if (value === null || value === undefined) delete event[key];
  return calendarEventSchema.parse(event);
}

/** The document fields of a snapshot (everything but `_id` and the outbox), with its month buckets. */
export function toFields(event: CalendarEvent, internals: EventInternals): Omit<EventDoc, '_id' | 'outbox'> {
  const { id: _id, ...rest } = event;
  const fields: Record<string, unknown> = { ...rest, ...internals, months: monthsOf(new Date(event.start), new Date(event.end)) };
  for (const key of INSTANTS) if (event[key]) fields[key] = new Date(event[key]!);
  for (const [key, value] of Object.entries(fields)) if (value === undefined) delete fields[key];
  return fields as unknown as Omit<EventDoc, '_id' | 'outbox'>;
}

export function internalsOf(doc: EventDoc): EventInternals {
  return { deadlineIsDefault: doc.deadlineIsDefault ?? false, ...(doc.approvedAt ? { approvedAt: doc.approvedAt } : {}) };
}

export const objectId = (id: string) => (Types.ObjectId.isValid(id) && /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : undefined);
