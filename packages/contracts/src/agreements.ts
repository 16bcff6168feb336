import { z } from 'zod';
import { AGREEMENT_STATUSES } from './labels';
import { actorSchema, calendarDateSchema, emailSchema, idempotencyKeySchema, idSchema, importedFlag, instantSchema, pageOf, paginationSchema } from './common';
import { defineEvent, defineRpc } from './define';
import { centreProfileSchema, directionSchema, organizationKindSchema } from './vocabulary';

// ---------------------------------------------------------------- organisations

const text = (max: number, required = 'Поле не может быть пустым') => z.string().trim().min(1, required).max(max);

export const personSchema = z.strictObject({
  name: text(200, 'Укажите ФИО'),
  position: z.string().trim().max(200).optional(),
  email: emailSchema.optional(),
  phone: z.string().trim().max(50).optional(),
});
export type Person = z.infer<typeof personSchema>;

export const roomSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9-]{1,40}$/, 'Код помещения: латинские строчные буквы, цифры и дефис'),
  name: text(200),
  capacity: z.number().int().min(1, 'Вместимость должна быть положительной').max(10_000),
});
export type Room = z.infer<typeof roomSchema>;

export const organizationIdSchema = z.string().regex(/^[a-z0-9-]{2,40}$/, 'Код организации: латинские строчные буквы, цифры и дефис (2–40 символов)');

const organizationFields = {
  kind: organizationKindSchema,
  fullName: text(500),
  shortName: text(200),
  settlement: text(200),
  address: text(500),
  centre: z.strictObject({ profile: centreProfileSchema, openedYear: z.number().int().min(2018).max(2100) }).optional(),
  head: personSchema.extend({ email: emailSchema }),
  rooms: z.array(roomSchema).max(100),
};

function checkOrganization(o: { kind?: string; centre?: unknown; rooms?: { key: string }[] }, ctx: z.RefinementCtx) {
  if (o.centre && o.kind && o.kind !== 'growth_point_centre') {
    ctx.addIssue({ code: 'custom', path: ['centre'], message: 'Профиль и год открытия указываются только для центра «Точка роста»' });
  }
  const keys = new Set<string>();
  o.rooms?.forEach((r, i) => {
    if (keys.has(r.key)) ctx.addIssue({ code: 'custom', path: ['rooms', i, 'key'], message: `Помещение с кодом «${r.key}» указано дважды` });
    keys.add(r.key);
  });
}

export const organizationInputSchema = z
  .strictObject({ id: organizationIdSchema.optional(), ...organizationFields, rooms: organizationFields.rooms.default([]) })
  .superRefine(checkOrganization);
export type OrganizationInput = z.input<typeof organizationInputSchema>;

export const organizationPatchSchema = z
  .strictObject(
    Object.fromEntries(Object.entries(organizationFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof organizationFields]: z.ZodOptional<(typeof organizationFields)[K]>;
    },
  )
  .superRefine(checkOrganization)
  .refine((p) => Object.keys(p).length > 0, 'Укажите хотя бы одно изменяемое поле');

export const organizationSchema = z.strictObject({
  id: organizationIdSchema,
  ...organizationFields,
  version: z.number().int().positive(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type Organization = z.infer<typeof organizationSchema>;

// ---------------------------------------------------------------- agreements

export const agreementStatusSchema = z.enum(AGREEMENT_STATUSES);

export const partyInputSchema = z.strictObject({ organizationId: organizationIdSchema, responsible: personSchema });

export const agreementInputSchema = z
  .strictObject({
    number: text(50, 'Укажите номер соглашения'),
    title: text(500, 'Укажите название соглашения'),
    parties: z.array(partyInputSchema).min(2, 'В соглашении должно быть не меньше двух сторон').max(50),
    directions: z.array(directionSchema).min(1, 'Укажите хотя бы одно направление сотрудничества').max(20),
    validFrom: calendarDateSchema,
    validTo: calendarDateSchema,
    notes: z.string().trim().max(2000).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.validFrom > a.validTo) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'Дата окончания действия раньше даты начала' });
    }
    const seen = new Set<string>();
    a.parties.forEach((p, i) => {
      if (seen.has(p.organizationId)) {
        ctx.addIssue({ code: 'custom', path: ['parties', i, 'organizationId'], message: `Организация «${p.organizationId}» указана дважды` });
      }
      seen.add(p.organizationId);
    });
  });
export type AgreementInput = z.input<typeof agreementInputSchema>;

export const signatureSchema = z.strictObject({
  organizationId: organizationIdSchema,
  userId: z.string(),
  signedAt: instantSchema,
});

export const agreementSchema = z.strictObject({
  id: idSchema,
  number: z.string(),
  title: z.string(),
  parties: z.array(
    z.strictObject({
      organizationId: organizationIdSchema,
      organizationName: z.string(),
      organizationKind: organizationKindSchema,
      responsible: personSchema,
    }),
  ),
  directions: z.array(directionSchema),
  validFrom: calendarDateSchema,
  validTo: calendarDateSchema,
  notes: z.string().optional(),
  previousAgreementId: idSchema.optional(),
  status: agreementStatusSchema,
  signatures: z.array(signatureSchema),
  createdBy: z.strictObject({ userId: z.string(), organizationId: z.string() }),
  createdAt: instantSchema,
  proposedAt: instantSchema.optional(),
  activatedAt: instantSchema.optional(),
  expiredAt: instantSchema.optional(),
  terminatedAt: instantSchema.optional(),
  terminatedOn: calendarDateSchema.optional(),
  terminationReason: z.string().optional(),
  withdrawnAt: instantSchema.optional(),
  withdrawalReason: z.string().optional(),
  version: z.number().int().positive(),
});
export type Agreement = z.infer<typeof agreementSchema>;

/**
 * Valid on a date: signed by all parties, the date within its term, and not terminated on or
 * before it. An agreement that has since expired still counts for dates within its term.
 */
export function agreementValidOn(agreement: Pick<Agreement, 'status' | 'validFrom' | 'validTo' | 'terminatedOn'>, date: string): boolean {
  if (date < agreement.validFrom || date > agreement.validTo) return false;
  if (agreement.status === 'active' || agreement.status === 'expired') return true;
  return agreement.status === 'terminated' && !!agreement.terminatedOn && agreement.terminatedOn > date;
}

// ---------------------------------------------------------------- events

const withAgreement = z.strictObject({ agreement: agreementSchema });
const withImportedAgreement = withAgreement.extend(importedFlag);

export const organizationEvents = {
  registered: defineEvent({
    name: 'organization.registered',
    version: 1,
    producer: 'agreements',
    payload: z.strictObject({ organization: organizationSchema }),
    description: 'An organisation joined the registry',
  }),
  updated: defineEvent({
    name: 'organization.updated',
    version: 1,
    producer: 'agreements',
    payload: z.strictObject({ organization: organizationSchema }),
    description: 'An organisation changed (names, head, rooms)',
  }),
} as const;

export const agreementEvents = {
  proposed: defineEvent({
    name: 'agreement.proposed',
    version: 1,
    producer: 'agreements',
    payload: withImportedAgreement,
    description: 'Sent to the parties for signature. `imported`: handed to them on paper and loaded (agreements.import with awaitingSignatures)',
  }),
  signed: defineEvent({
    name: 'agreement.signed',
    version: 1,
    producer: 'agreements',
    payload: z.strictObject({ agreement: agreementSchema, signature: signatureSchema }),
    description: 'One party signed',
  }),
  activated: defineEvent({
    name: 'agreement.activated',
    version: 1,
    producer: 'agreements',
    payload: withImportedAgreement,
    description: 'Every party signed: in force. `imported`: signed on paper and loaded (agreements.import), which is no news to anyone',
  }),
  expiring: defineEvent({
    name: 'agreement.expiring',
    version: 1,
    producer: 'agreements',
    payload: z.strictObject({ agreement: agreementSchema, daysLeft: z.number().int().min(0) }),
    description: 'validTo is near (once per agreement)',
  }),
  expired: defineEvent({
    name: 'agreement.expired',
    version: 1,
    producer: 'agreements',
    payload: withImportedAgreement,
    description: 'validTo has passed. `imported`: loaded after its term had already ended',
  }),
  terminated: defineEvent({
    name: 'agreement.terminated',
    version: 1,
    producer: 'agreements',
    payload: withAgreement,
    description: 'Ended early by the coordinator, with a reason',
  }),
  withdrawn: defineEvent({
    name: 'agreement.withdrawn',
    version: 1,
    producer: 'agreements',
    payload: withAgreement,
    description: 'A draft or proposal was withdrawn',
  }),
} as const;

// ---------------------------------------------------------------- commands and queries

const byId = z.strictObject({ actor: actorSchema, id: idSchema });

export const agreementListQuerySchema = paginationSchema.extend({
  party: organizationIdSchema.optional(),
  status: agreementStatusSchema.optional(),
  direction: directionSchema.optional(),
  validOn: calendarDateSchema.optional(),
});

export const partnersSchema = z.strictObject({
  organizationId: organizationIdSchema,
  date: calendarDateSchema,
  partners: z.array(z.strictObject({ organizationId: organizationIdSchema, organizationName: z.string(), agreementIds: z.array(idSchema) })),
});

export const agreementRpcs = {
  registerOrganization: defineRpc({
    name: 'agreements.organizations.register',
    version: 1,
    service: 'agreements',
    request: z.strictObject({ actor: actorSchema, organization: organizationInputSchema, idempotencyKey: idempotencyKeySchema.optional() }),
    response: organizationSchema,
    description: 'Register an organisation (coordinator)',
  }),
  updateOrganization: defineRpc({
    name: 'agreements.organizations.update',
    version: 1,
    service: 'agreements',
    request: z.strictObject({ actor: actorSchema, id: organizationIdSchema, patch: organizationPatchSchema }),
    response: organizationSchema,
    description: 'Change an organisation (coordinator)',
  }),
  getOrganization: defineRpc({
    name: 'agreements.organizations.get',
    version: 1,
    service: 'agreements',
    request: z.strictObject({ id: organizationIdSchema }),
    response: organizationSchema,
    description: 'One organisation',
  }),
  listOrganizations: defineRpc({
    name: 'agreements.organizations.list',
    version: 1,
    service: 'agreements',
    request: paginationSchema.extend({ kind: organizationKindSchema.optional() }),
    response: pageOf(organizationSchema),
    description: 'Organisations, by kind',
  }),
  create: defineRpc({
    name: 'agreements.create',
    version: 1,
    service: 'agreements',
    request: z.strictObject({ actor: actorSchema, agreement: agreementInputSchema, idempotencyKey: idempotencyKeySchema.optional() }),
    response: agreementSchema,
    description: 'Create a draft agreement',
  }),
  propose: defineRpc({
    name: 'agreements.propose',
    version: 1,
    service: 'agreements',
    request: byId,
    response: agreementSchema,
    description: 'Send a draft to the parties',
  }),
  sign: defineRpc({
    name: 'agreements.sign',
    version: 1,
    service: 'agreements',
    request: byId.extend({ organizationId: organizationIdSchema.optional() }),
    response: agreementSchema,
    description: 'Sign on behalf of the user’s own organisation',
  }),
  withdraw: defineRpc({
    name: 'agreements.withdraw',
    version: 1,
    service: 'agreements',
    request: byId.extend({ reason: z.string().trim().max(2000).optional() }),
    response: agreementSchema,
    description: 'Withdraw a draft or proposal',
  }),
  terminate: defineRpc({
    name: 'agreements.terminate',
    version: 1,
    service: 'agreements',
    request: byId.extend({ reason: z.string({ error: 'Укажите причину расторжения' }).trim().min(1, 'Укажите причину расторжения').max(2000) }),
    response: agreementSchema,
    description: 'End an active agreement early (coordinator)',
  }),
  renew: defineRpc({
    name: 'agreements.renew',
    version: 1,
    service: 'agreements',
    request: byId.extend({ number: text(50).optional(), validFrom: calendarDateSchema.optional(), validTo: calendarDateSchema.optional() }),
    response: agreementSchema,
    description: 'A new draft for the next period, linked to this one',
  }),
  get: defineRpc({
    name: 'agreements.get',
    version: 1,
    service: 'agreements',
    request: z.strictObject({ id: idSchema }),
    response: agreementSchema,
    description: 'One agreement with its signature log',
  }),
  list: defineRpc({
    name: 'agreements.list',
    version: 1,
    service: 'agreements',
    request: agreementListQuerySchema,
    response: pageOf(agreementSchema),
    description: 'Agreements by party, status, direction, validity date',
  }),
  partners: defineRpc({
    name: 'agreements.partners',
    version: 1,
    service: 'agreements',
    request: z.strictObject({ organizationId: organizationIdSchema, date: calendarDateSchema }),
    response: partnersSchema,
    description: 'Partners of an organisation under agreements valid on a date',
  }),
  import: defineRpc({
    name: 'agreements.import',
    version: 1,
    service: 'agreements',
    request: z.strictObject({
      actor: actorSchema,
      agreement: agreementInputSchema,
      /** Dates each party signed on (historical agreements). */
      signedOn: z.record(organizationIdSchema, calendarDateSchema),
      /**
       * Handed to the parties on paper and not signed by all yet: loaded `proposed` with the
       * signatures given in `signedOn`; the others sign in the system as usual.
       */
      awaitingSignatures: z.literal(true).optional(),
    }),
    response: agreementSchema,
    description: 'Load an already-signed agreement with its signature dates (coordinator; idempotent by number)',
  }),
} as const;
