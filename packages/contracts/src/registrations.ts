import { z } from 'zod';
import { REGISTRATION_STATUSES } from './labels';
import { emailSchema, idSchema, instantSchema } from './common';
import { organizationIdSchema } from './agreements';
import { defineEvent } from './define';

/** Group registrations for events with capacity (master classes first of all). */

export const registrationStatusSchema = z.enum(REGISTRATION_STATUSES);

export const adultSchema = z.strictObject({
  name: z.string().trim().min(1, 'Укажите ФИО сопровождающего').max(200),
  phone: z.string().trim().min(5, 'Укажите телефон сопровождающего').max(50),
});

export const registrationSchema = z.strictObject({
  id: idSchema,
  eventId: idSchema,
  organizationId: organizationIdSchema,
  organizationName: z.string(),
  groupName: z.string(),
  children: z.number().int().positive(),
  /** Age band or grade, e.g. «5–6 лет», «3 класс». */
  ageBand: z.string().optional(),
  adults: z.array(adultSchema),
  contactEmail: emailSchema,
  notes: z.string().optional(),
  status: registrationStatusSchema,
  /** 1-based place in the waitlist while waitlisted. */
  waitlistPosition: z.number().int().positive().optional(),
  cancellationReason: z.string().optional(),
  attendance: z.strictObject({ attended: z.boolean(), actualChildren: z.number().int().min(0), recordedAt: instantSchema }).optional(),
  createdBy: z.strictObject({ userId: z.string(), organizationId: organizationIdSchema }),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  version: z.number().int().positive(),
  /** When the coordinator removed the contacts (names, phones, e-mail, notes) after the event; the figures stay. */
  anonymizedAt: instantSchema.optional(),
});
export type Registration = z.infer<typeof registrationSchema>;

/** What a mail about a registration needs to say about its event, carried along. */
export const eventSummarySchema = z.strictObject({
  id: idSchema,
  title: z.string(),
  start: instantSchema,
  end: instantSchema,
  hostId: organizationIdSchema,
  hostName: z.string(),
  venueName: z.string(),
  address: z.string(),
  /** iCal identity of the event, so a mail's .ics updates the same calendar entry. */
  sequence: z.number().int().min(0),
});
export type EventSummary = z.infer<typeof eventSummarySchema>;

const withRegistration = z.strictObject({ registration: registrationSchema, event: eventSummarySchema });

export const registrationEvents = {
  confirmed: defineEvent({
    name: 'registration.confirmed',
    version: 1,
    producer: 'registrations',
    payload: withRegistration,
    description: 'A group got places',
  }),
  waitlisted: defineEvent({
    name: 'registration.waitlisted',
    version: 1,
    producer: 'registrations',
    payload: withRegistration,
    description: 'No places: on the waitlist, with its position',
  }),
  promoted: defineEvent({
    name: 'registration.promoted',
    version: 1,
    producer: 'registrations',
    payload: withRegistration,
    description: 'Moved from the waitlist to confirmed',
  }),
  changed: defineEvent({
    name: 'registration.changed',
    version: 1,
    producer: 'registrations',
    payload: z.strictObject({ registration: registrationSchema, event: eventSummarySchema, changed: z.array(z.string()).min(1) }),
    description: 'Size, contacts, notes or waitlist position changed',
  }),
  cancelled: defineEvent({
    name: 'registration.cancelled',
    version: 1,
    producer: 'registrations',
    payload: withRegistration,
    description: 'Cancelled by the group or with its event',
  }),
  attendanceRecorded: defineEvent({
    name: 'registration.attendance_recorded',
    version: 1,
    producer: 'registrations',
    payload: withRegistration,
    description: 'The host recorded attendance after the event',
  }),
  anonymized: defineEvent({
    name: 'registration.anonymized',
    version: 1,
    producer: 'registrations',
    payload: withRegistration,
    description: 'After the event the coordinator removed the contacts; every copy of them must go, nobody is mailed',
  }),
} as const;
