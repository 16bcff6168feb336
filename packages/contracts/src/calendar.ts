import { z } from 'zod';
import { EVENT_STATUSES, EventStatus } from './labels';
import { Actor, emailSchema, idSchema, importedFlag, instantSchema } from './common';
import { organizationIdSchema } from './agreements';
import { defineEvent } from './define';
import { audienceSchema, directionSchema, eventKindSchema } from './vocabulary';

/**
 * Joint events (мероприятия) of the calendar service. Other services consume these snapshots
 * (registrations: capacity, partners, deadline; notifications: who to tell and what to say).
 */

export const eventStatusSchema = z.enum(EVENT_STATUSES);

/** Seen by every signed-in user; events in the other states only by the host's users and the coordinator. */
export const PUBLIC_EVENT_STATUSES: readonly EventStatus[] = ['approved', 'at_risk', 'cancelled', 'held'];

/**
 * The calendar's visibility rule, the one place it is written: every service that answers
 * anything about an event (the calendar, registrations) asks this, and an event one may not see
 * is "not found", never "forbidden" — its existence is not told.
 */
export function eventVisibleTo(actor: Actor, event: { status: EventStatus; hostId: string }): boolean {
  return PUBLIC_EVENT_STATUSES.includes(event.status) || actor.role === 'coordinator' || event.hostId === actor.organizationId;
}

/** Seats (children) and/or groups; registrations use it. At least one of the two. */
export const capacitySchema = z
  .strictObject({
    seats: z.number().int().min(1, 'Вместимость должна быть положительной').max(100_000).optional(),
    groups: z.number().int().min(1, 'Число групп должно быть положительным').max(10_000).optional(),
  })
  .refine((c) => c.seats !== undefined || c.groups !== undefined, 'Укажите число мест и/или число групп');
export type Capacity = z.infer<typeof capacitySchema>;

export const contactSchema = z.strictObject({
  name: z.string().trim().min(1, 'Укажите контактное лицо').max(200),
  email: emailSchema.optional(),
  phone: z.string().trim().max(50).optional(),
});

export const organizationRefSchema = z.strictObject({ organizationId: organizationIdSchema, organizationName: z.string() });

/** The whole event as every consumer sees it. Instants are UTC; show them in Europe/Moscow. */
export const calendarEventSchema = z.strictObject({
  id: idSchema,
  title: z.string(),
  description: z.string(),
  kind: eventKindSchema,
  direction: directionSchema,
  host: organizationRefSchema,
  venue: z.strictObject({
    roomKey: z.string(),
    roomName: z.string(),
    roomCapacity: z.number().int().positive(),
    /** Settlement and street address of the host, for LOCATION and mails. */
    address: z.string(),
  }),
  start: instantSchema,
  end: instantSchema,
  audience: z.array(audienceSchema).min(1),
  grades: z.string().optional(),
  partners: z.array(organizationRefSchema),
  agreementId: idSchema.optional(),
  capacity: capacitySchema.optional(),
  /** Registrations close at this instant (default: 24 h before the start). */
  registrationDeadline: instantSchema.optional(),
  festivalId: idSchema.optional(),
  contact: contactSchema,
  status: eventStatusSchema,
  approvalComment: z.string().optional(),
  rejectionReason: z.string().optional(),
  cancellationReason: z.string().optional(),
  cancelledAt: instantSchema.optional(),
  atRiskReason: z.string().optional(),
  report: z.strictObject({ participants: z.number().int().min(0), notes: z.string().optional() }).optional(),
  proposedBy: z.strictObject({ userId: z.string(), organizationId: organizationIdSchema }),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  /** iCal SEQUENCE: grows on every change users should see. */
  sequence: z.number().int().min(0),
  version: z.number().int().positive(),
});
export type CalendarEvent = z.infer<typeof calendarEventSchema>;

export const festivalSchema = z.strictObject({
  id: idSchema,
  name: z.string(),
  startDate: z.iso.date(),
  endDate: z.iso.date(),
  description: z.string(),
  createdAt: instantSchema,
});
export type Festival = z.infer<typeof festivalSchema>;

const withEvent = z.strictObject({ event: calendarEventSchema });

export const calendarEvents = {
  proposed: defineEvent({
    name: 'event.proposed',
    version: 1,
    producer: 'calendar',
    payload: withEvent.extend(importedFlag),
    description: 'A host proposed an event; awaits the coordinator. `imported`: loaded from a plan (calendar.events.import as proposed)',
  }),
  approved: defineEvent({
    name: 'event.approved',
    version: 1,
    producer: 'calendar',
    payload: withEvent.extend(importedFlag),
    description:
      'Approved into the district plan (open for registration if it has capacity). `imported`: approved on paper and loaded (calendar.events.import)',
  }),
  rejected: defineEvent({
    name: 'event.rejected',
    version: 1,
    producer: 'calendar',
    payload: withEvent,
    description: 'Rejected by the coordinator, with a reason',
  }),
  rescheduled: defineEvent({
    name: 'event.rescheduled',
    version: 1,
    producer: 'calendar',
    payload: z.strictObject({ event: calendarEventSchema, previous: z.strictObject({ start: instantSchema, end: instantSchema }) }),
    description: 'New time, same event (SEQUENCE + 1)',
  }),
  updated: defineEvent({
    name: 'event.updated',
    version: 1,
    producer: 'calendar',
    payload: z.strictObject({ event: calendarEventSchema, changed: z.array(z.string()).min(1) }),
    description: 'Other fields changed (title, description, venue, capacity, contacts, ...)',
  }),
  cancelled: defineEvent({ name: 'event.cancelled', version: 1, producer: 'calendar', payload: withEvent, description: 'Cancelled with a reason' }),
  held: defineEvent({ name: 'event.held', version: 1, producer: 'calendar', payload: withEvent, description: 'Took place; carries the short report' }),
  atRisk: defineEvent({
    name: 'event.at_risk',
    version: 1,
    producer: 'calendar',
    payload: withEvent,
    description: 'Its agreement ended (terminated or expired) before the event; the coordinator must decide',
  }),
} as const;
