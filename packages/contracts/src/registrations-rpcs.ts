import { z } from 'zod';
import { actorSchema, emailSchema, idempotencyKeySchema, idSchema, instantSchema, pageOf, paginationSchema } from './common';
import { organizationIdSchema } from './agreements';
import { eventStatusSchema } from './calendar';
import { defineRpc } from './define';
import { adultSchema, eventSummarySchema, registrationSchema, registrationStatusSchema } from './registrations';

/** Commands and queries of the registrations service. */

const childrenSchema = z
  .number({ error: 'Укажите число детей' })
  .int('Число детей должно быть целым')
  .min(1, 'Число детей должно быть положительным')
  .max(1000, 'Не больше 1000 детей в одной группе');

/** What a kindergarten or school says about the group it registers. */
export const registrationInputSchema = z.strictObject({
  groupName: z.string({ error: 'Укажите название группы' }).trim().min(1, 'Укажите название группы').max(200),
  children: childrenSchema,
  /** Age band or grade: «5–6 лет», «3 класс». */
  ageBand: z.string().trim().min(1, 'Укажите возраст или класс').max(100).optional(),
  adults: z.array(adultSchema, { error: 'Укажите сопровождающих' }).min(1, 'Укажите хотя бы одного сопровождающего').max(20),
  contactEmail: emailSchema,
  notes: z.string().trim().max(2000).optional(),
});
export type RegistrationInput = z.output<typeof registrationInputSchema>;

/** Size, contacts and notes may change; the group's name identifies it and does not. */
export const registrationPatchSchema = registrationInputSchema
  .omit({ groupName: true })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'Укажите хотя бы одно изменяемое поле');
export type RegistrationPatch = z.output<typeof registrationPatchSchema>;

/** A registration with what its organisation needs to know of the event. */
export const registrationDetailsSchema = registrationSchema.extend({ event: eventSummarySchema });
export type RegistrationDetails = z.infer<typeof registrationDetailsSchema>;

/** Where an event stands: places, waitlist, whether registration is open. Not secret: no contacts. */
export const availabilitySchema = z.strictObject({
  event: eventSummarySchema,
  status: eventStatusSchema,
  capacity: z.strictObject({ seats: z.number().int().positive().optional(), groups: z.number().int().positive().optional() }).optional(),
  confirmedChildren: z.number().int().min(0),
  confirmedGroups: z.number().int().min(0),
  waitlistedChildren: z.number().int().min(0),
  waitlistedGroups: z.number().int().min(0),
  freeSeats: z.number().int().min(0).optional(),
  freeGroups: z.number().int().min(0).optional(),
  registrationDeadline: instantSchema,
  open: z.boolean(),
  maxGroupsPerOrganization: z.number().int().positive().optional(),
});
export type Availability = z.infer<typeof availabilitySchema>;

export const attendanceRecordSchema = z.strictObject({
  registrationId: idSchema,
  attended: z.boolean({ error: 'Укажите, пришла ли группа' }),
  actualChildren: z
    .number({ error: 'Укажите, сколько детей пришло' })
    .int('Число детей должно быть целым')
    .min(0, 'Число детей не может быть отрицательным')
    .max(1000),
});

export const attendanceSummarySchema = z.strictObject({
  event: eventSummarySchema,
  totals: z.strictObject({
    confirmedGroups: z.number().int().min(0),
    confirmedChildren: z.number().int().min(0),
    recordedGroups: z.number().int().min(0),
    attendedGroups: z.number().int().min(0),
    noShowGroups: z.number().int().min(0),
    actualChildren: z.number().int().min(0),
  }),
  items: z.array(registrationSchema),
});

const byId = z.strictObject({ actor: actorSchema, id: idSchema });
const byEvent = z.strictObject({ actor: actorSchema, eventId: idSchema });

export const registrationListQuerySchema = paginationSchema.extend({
  /** The coordinator may look at any organisation; everyone else sees their own. */
  organizationId: organizationIdSchema.optional(),
  status: registrationStatusSchema.optional(),
});

export const registrationRpcs = {
  create: defineRpc({
    name: 'registrations.create',
    version: 1,
    service: 'registrations',
    affinity: 'eventId',
    request: byEvent.extend({ registration: registrationInputSchema, idempotencyKey: idempotencyKeySchema.optional() }),
    response: z.strictObject({ registration: registrationDetailsSchema, replayed: z.boolean() }),
    description: 'Register a group of the actor’s organisation: confirmed or waitlisted (a repeat with the same key returns the first answer)',
  }),
  get: defineRpc({
    name: 'registrations.get',
    version: 1,
    service: 'registrations',
    request: byId,
    response: registrationDetailsSchema,
    description: 'One registration (its organisation, the host’s head, the coordinator)',
  }),
  update: defineRpc({
    name: 'registrations.update',
    version: 1,
    service: 'registrations',
    request: byId.extend({ patch: registrationPatchSchema }),
    response: registrationDetailsSchema,
    description: 'Change size, contacts or notes (growing only into free places)',
  }),
  cancel: defineRpc({
    name: 'registrations.cancel',
    version: 1,
    service: 'registrations',
    request: byId.extend({ reason: z.string().trim().min(1, 'Причина не может быть пустой').max(2000).optional() }),
    response: registrationDetailsSchema,
    description: 'Cancel a registration; the waitlist moves up at once',
  }),
  anonymize: defineRpc({
    name: 'registrations.anonymize',
    version: 1,
    service: 'registrations',
    request: byId,
    response: registrationDetailsSchema,
    description: 'After the event: replace the contacts (adults, e-mail, notes) by placeholders, here and in every earlier version (coordinator)',
  }),
  listForEvent: defineRpc({
    name: 'registrations.event.list',
    version: 1,
    service: 'registrations',
    affinity: 'eventId',
    request: byEvent,
    response: z.strictObject({ availability: availabilitySchema, scope: z.enum(['all', 'own']), items: z.array(registrationSchema) }),
    description: 'Registrations of an event in arrival order (host’s head and coordinator: all; others: their own)',
  }),
  list: defineRpc({
    name: 'registrations.list',
    version: 1,
    service: 'registrations',
    request: registrationListQuerySchema.extend({ actor: actorSchema }),
    response: pageOf(registrationDetailsSchema),
    description: 'Registrations of one organisation, soonest event first',
  }),
  recordAttendance: defineRpc({
    name: 'registrations.attendance.record',
    version: 1,
    service: 'registrations',
    affinity: 'eventId',
    request: byEvent.extend({ records: z.array(attendanceRecordSchema).min(1, 'Укажите хотя бы одну группу').max(1000) }),
    response: attendanceSummarySchema,
    description: 'After the event: attended or not, and how many children came, per registration (host’s head, coordinator)',
  }),
  setSettings: defineRpc({
    name: 'registrations.settings.set',
    version: 1,
    service: 'registrations',
    affinity: 'eventId',
    request: byEvent.extend({
      maxGroupsPerOrganization: z
        .number({ error: 'Укажите предельное число групп от одной организации или null' })
        .int()
        .min(1, 'Предел должен быть положительным')
        .max(100)
        .nullable(),
    }),
    response: availabilitySchema,
    description: 'Per-event registration settings: at most N groups per organisation (host’s head, coordinator)',
  }),
} as const;

/**
 * Capacity is guarded where the registrations are: calendar asks before it changes an event's
 * capacity. Refused (409, with the confirmed numbers) when fewer places than confirmed remain;
 * a raise promotes the waitlist at once.
 */
export const capacityRpcs = {
  apply: defineRpc({
    name: 'registrations.capacity.apply',
    version: 1,
    service: 'registrations',
    affinity: 'eventId',
    request: z.strictObject({
      actor: actorSchema,
      eventId: idSchema,
      capacity: z.strictObject({ seats: z.number().int().positive().optional(), groups: z.number().int().positive().optional() }),
    }),
    response: z.strictObject({ confirmedChildren: z.number().int().min(0), confirmedGroups: z.number().int().min(0) }),
    description: 'Check and record a new capacity for an event',
  }),
} as const;
