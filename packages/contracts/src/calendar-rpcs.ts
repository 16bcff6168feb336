import { z } from 'zod';
import { actorSchema, calendarDateSchema, idempotencyKeySchema, idSchema, instantSchema, pageOf, paginationSchema } from './common';
import { organizationIdSchema } from './agreements';
import { calendarEventSchema, capacitySchema, contactSchema, eventStatusSchema, festivalSchema } from './calendar';
import { defineEvent, defineRpc } from './define';
import { audienceSchema, directionSchema, eventKindSchema } from './vocabulary';

/** Commands and queries of the calendar service (events, plan, festivals, iCal feeds). */

const text = (max: number, required: string) => z.string({ error: required }).trim().min(1, required).max(max);
const reason = (required: string) => text(2000, required);

// ---------------------------------------------------------------- events

const eventFields = {
  title: text(300, 'Укажите название мероприятия'),
  description: z.string().trim().max(5000).default(''),
  kind: eventKindSchema,
  direction: directionSchema,
  /** Room or zone of the host (its key in the organisation's rooms). */
  venue: z.string({ error: 'Укажите помещение' }).regex(/^[a-z0-9-]{1,40}$/, 'Код помещения: латинские строчные буквы, цифры и дефис'),
  audience: z.array(audienceSchema).min(1, 'Укажите, для кого мероприятие').max(5),
  grades: z.string().trim().max(100).optional(),
  /** Invited partner organisations (ids). */
  partners: z.array(organizationIdSchema).max(50).default([]),
  agreementId: idSchema.optional(),
  capacity: capacitySchema.optional(),
  /** Default: 24 hours before the start (events with capacity). */
  registrationDeadline: instantSchema.optional(),
  festivalId: idSchema.optional(),
  /** Default: the head of the host organisation. */
  contact: contactSchema.optional(),
};

function noDuplicates(values: string[] | undefined, path: string, what: string, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  values?.forEach((v, i) => {
    if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [path, i], message: `${what} «${v}» указано дважды` });
    seen.add(v);
  });
}

export const eventInputSchema = z
  .strictObject({
    hostId: organizationIdSchema,
    start: instantSchema,
    end: instantSchema,
    ...eventFields,
  })
  .superRefine((e, ctx) => {
    if (Date.parse(e.end) <= Date.parse(e.start)) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'Окончание мероприятия должно быть позже его начала' });
    }
    if (e.registrationDeadline && Date.parse(e.registrationDeadline) > Date.parse(e.start)) {
      ctx.addIssue({ code: 'custom', path: ['registrationDeadline'], message: 'Срок записи не может быть позже начала мероприятия' });
    }
    if (e.partners?.includes(e.hostId)) {
      ctx.addIssue({ code: 'custom', path: ['partners'], message: 'Организатор не может быть приглашён партнёром на своё мероприятие' });
    }
    if (e.partners?.length && !e.agreementId) {
      ctx.addIssue({ code: 'custom', path: ['agreementId'], message: 'Для мероприятия с партнёрами укажите соглашение о сетевом взаимодействии' });
    }
    noDuplicates(e.partners, 'partners', 'Партнёр', ctx);
    noDuplicates(e.audience, 'audience', 'Участник', ctx);
  });
export type EventInput = z.input<typeof eventInputSchema>;

/** Everything but the host and the time (those change by rescheduling). */
export const eventPatchSchema = z
  .strictObject(
    Object.fromEntries(Object.entries(eventFields).map(([k, v]) => [k, (v instanceof z.ZodDefault ? v.unwrap() : v).optional()])) as {
      [K in keyof typeof eventFields]: z.ZodOptional<(typeof eventFields)[K] extends z.ZodDefault<infer T extends z.ZodType> ? T : (typeof eventFields)[K]>;
    },
  )
  .superRefine((p, ctx) => {
    noDuplicates(p.partners, 'partners', 'Партнёр', ctx);
    noDuplicates(p.audience, 'audience', 'Участник', ctx);
  })
  .refine((p) => Object.keys(p).length > 0, 'Укажите хотя бы одно изменяемое поле');
export type EventPatch = z.output<typeof eventPatchSchema>;

/** Every command on an event answers with the event and what the user should know (busy partners). */
export const eventResultSchema = z.strictObject({ event: calendarEventSchema, warnings: z.array(z.string()) });
export type EventResult = z.infer<typeof eventResultSchema>;

const byId = z.strictObject({ actor: actorSchema, id: idSchema });

export const rescheduleSchema = z
  .strictObject({ start: instantSchema, end: instantSchema, registrationDeadline: instantSchema.optional() })
  .superRefine((r, ctx) => {
    if (Date.parse(r.end) <= Date.parse(r.start)) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'Окончание мероприятия должно быть позже его начала' });
    }
    if (r.registrationDeadline && Date.parse(r.registrationDeadline) > Date.parse(r.start)) {
      ctx.addIssue({ code: 'custom', path: ['registrationDeadline'], message: 'Срок записи не может быть позже начала мероприятия' });
    }
  });

export const approveSchema = z.strictObject({ comment: z.string().trim().max(2000).optional() });
export const rejectSchema = z.strictObject({ reason: reason('Укажите причину отклонения') });
export const cancelSchema = z.strictObject({ reason: reason('Укажите причину отмены') });
export const reportSchema = z.strictObject({
  participants: z
    .number({ error: 'Укажите число участников' })
    .int('Число участников — целое число')
    .min(0, 'Число участников не может быть отрицательным')
    .max(100_000),
  notes: z.string().trim().max(5000).optional(),
});

/** A date (a Moscow calendar day) or an instant. */
const momentSchema = z.union([calendarDateSchema, instantSchema], { error: 'Ожидается дата ГГГГ-ММ-ДД или дата и время ISO 8601' });

export const eventListQuerySchema = paginationSchema.extend({
  /** Events that end after this moment (a date means its Moscow midnight). */
  from: momentSchema.optional(),
  /** Events that start before this moment (a date means the end of that Moscow day). */
  to: momentSchema.optional(),
  /** Hosted by or inviting this organisation. */
  org: organizationIdSchema.optional(),
  agreement: idSchema.optional(),
  festival: idSchema.optional(),
  status: eventStatusSchema.optional(),
  kind: eventKindSchema.optional(),
  direction: directionSchema.optional(),
});

// ---------------------------------------------------------------- plan and festivals

export const schoolYearSchema = z
  .string({ error: 'Укажите учебный год, например 2022-2023' })
  .regex(/^\d{4}-\d{4}$/, 'Учебный год в формате ГГГГ-ГГГГ, например 2022-2023')
  .refine((y) => Number(y.slice(5)) === Number(y.slice(0, 4)) + 1, 'Учебный год — два соседних года, например 2022-2023');

export const planQuerySchema = z.strictObject({
  schoolYear: schoolYearSchema,
  org: organizationIdSchema.optional(),
  direction: directionSchema.optional(),
  kind: eventKindSchema.optional(),
});

export const planSchema = z.strictObject({
  schoolYear: z.string(),
  from: calendarDateSchema,
  to: calendarDateSchema,
  total: z.number().int().min(0),
  /** Months in order, each with its approved events by start time. */
  months: z.array(z.strictObject({ month: z.string(), label: z.string(), events: z.array(calendarEventSchema) })),
});
export type Plan = z.infer<typeof planSchema>;

export const festivalInputSchema = z
  .strictObject({
    name: text(300, 'Укажите название фестиваля'),
    startDate: calendarDateSchema,
    endDate: calendarDateSchema,
    description: z.string().trim().max(10_000).default(''),
  })
  .refine((f) => f.startDate <= f.endDate, { path: ['endDate'], message: 'Дата окончания фестиваля раньше даты начала' });

export const festivalWithProgramSchema = festivalSchema.extend({ program: z.array(calendarEventSchema) });

// ---------------------------------------------------------------- iCal subscriptions and feeds

/** What a feed shows: an organisation's events, an agreement's, a festival's, the district plan, or "mine". */
export const feedScopeSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('organization'), organizationId: organizationIdSchema }),
    z.strictObject({ kind: z.literal('agreement'), agreementId: idSchema }),
    z.strictObject({ kind: z.literal('festival'), festivalId: idSchema }),
    z.strictObject({ kind: z.literal('plan') }),
    z.strictObject({ kind: z.literal('mine') }),
  ],
  { error: 'Укажите, на что подписка: organization, agreement, festival, plan или mine' },
);
export type FeedScope = z.infer<typeof feedScopeSchema>;

export const subscriptionSchema = z.strictObject({
  id: idSchema,
  scope: feedScopeSchema,
  /** The calendar's name as apps show it (X-WR-CALNAME at creation). */
  name: z.string(),
  createdAt: instantSchema,
});
export type Subscription = z.infer<typeof subscriptionSchema>;

/** A secret feed token: 256 random bits, base64url. */
export const feedTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Некорректный адрес календаря');

export const feedSchema = z.strictObject({
  /** Weak validator of the feed's content (scope, owner's organisation, its events' versions). */
  etag: z.string(),
  lastModified: instantSchema,
  /** One of the etags the caller already has: no content sent. */
  unchanged: z.boolean(),
  /** The gzip-compressed iCalendar text, base64, split in parts that fit one NATS message. */
  parts: z.number().int().min(1).optional(),
  data: z.string().optional(),
  /** Until when these validators hold by time alone (the first cancelled event in the feed leaves it then); absent: no such moment. */
  validUntil: instantSchema.optional(),
});
export type Feed = z.infer<typeof feedSchema>;

/**
 * Events about iCal subscriptions, on the calendar's stream. Gateways forget what they keep in
 * memory for a feed when they hear one; the services that mirror calendar events skip them.
 */
export const subscriptionEvents = {
  revoked: defineEvent({
    name: 'subscription.revoked',
    version: 1,
    producer: 'calendar',
    payload: z.strictObject({ subscriptionId: idSchema, userId: idSchema, revokedAt: instantSchema }),
    description: 'An iCal subscription was revoked: its address opens nothing any more',
  }),
} as const;

export const calendarRpcs = {
  propose: defineRpc({
    name: 'calendar.events.propose',
    version: 1,
    service: 'calendar',
    request: z.strictObject({ actor: actorSchema, event: eventInputSchema, idempotencyKey: idempotencyKeySchema.optional() }),
    response: eventResultSchema,
    description: 'Propose an event (the host’s centre head, or the coordinator for any host)',
  }),
  import: defineRpc({
    name: 'calendar.events.import',
    version: 1,
    service: 'calendar',
    request: z.strictObject({
      actor: actorSchema,
      /** Stable key of the plan entry: importing it again returns the same event. */
      key: z.string().regex(/^[a-z0-9-]{1,80}$/),
      event: eventInputSchema,
      /**
       * `approved` (default): approved on paper, announced `event.approved` with `imported: true`.
       * `proposed`: a plan drafted elsewhere (a spreadsheet, the rollover), to be reviewed as usual;
       * announced `event.proposed` with `imported: true` (coordinators are not mailed about their own load).
       */
      as: z.enum(['approved', 'proposed'], { error: 'as: approved или proposed' }).default('approved'),
    }),
    response: eventResultSchema,
    description: 'Load an event of a plan-schedule by a stable key, approved on paper or as a proposal (coordinator; idempotent by key)',
  }),
  approve: defineRpc({
    name: 'calendar.events.approve',
    version: 1,
    service: 'calendar',
    request: byId.extend({
      ...approveSchema.shape,
      /** Approved on paper and recorded afterwards: `event.approved` is marked `imported` (nobody is mailed). Not offered over HTTP. */
      onPaper: z.literal(true).optional(),
    }),
    response: eventResultSchema,
    description: 'Approve into the district plan (coordinator)',
  }),
  reject: defineRpc({
    name: 'calendar.events.reject',
    version: 1,
    service: 'calendar',
    request: byId.extend(rejectSchema.shape),
    response: eventResultSchema,
    description: 'Reject with a reason (coordinator)',
  }),
  reschedule: defineRpc({
    name: 'calendar.events.reschedule',
    version: 1,
    service: 'calendar',
    request: z.strictObject({ actor: actorSchema, id: idSchema, time: rescheduleSchema }),
    response: eventResultSchema,
    description: 'Move to a new time; same event, SEQUENCE + 1',
  }),
  update: defineRpc({
    name: 'calendar.events.update',
    version: 1,
    service: 'calendar',
    request: z.strictObject({ actor: actorSchema, id: idSchema, patch: eventPatchSchema }),
    response: eventResultSchema,
    description: 'Change other fields (capacity through registrations)',
  }),
  cancel: defineRpc({
    name: 'calendar.events.cancel',
    version: 1,
    service: 'calendar',
    request: byId.extend(cancelSchema.shape),
    response: eventResultSchema,
    description: 'Cancel with a reason',
  }),
  report: defineRpc({
    name: 'calendar.events.report',
    version: 1,
    service: 'calendar',
    request: byId.extend(reportSchema.shape),
    response: eventResultSchema,
    description: 'Record that it took place, with a short report (after its end)',
  }),
  get: defineRpc({
    name: 'calendar.events.get',
    version: 1,
    service: 'calendar',
    request: byId,
    response: calendarEventSchema,
    description: 'One event, if the user may see it',
  }),
  list: defineRpc({
    name: 'calendar.events.list',
    version: 1,
    service: 'calendar',
    request: eventListQuerySchema.extend({ actor: actorSchema }),
    response: pageOf(calendarEventSchema),
    description: 'Events by period, organisation, agreement, festival, status, kind, direction',
  }),
  plan: defineRpc({
    name: 'calendar.plan',
    version: 1,
    service: 'calendar',
    request: planQuerySchema.extend({ actor: actorSchema }),
    response: planSchema,
    description: 'The district plan-schedule of a school year: approved events by month',
  }),
  createFestival: defineRpc({
    name: 'calendar.festivals.create',
    version: 1,
    service: 'calendar',
    request: z.strictObject({
      actor: actorSchema,
      festival: festivalInputSchema,
      key: z
        .string()
        .regex(/^[a-z0-9-]{1,80}$/)
        .optional(),
    }),
    response: festivalSchema,
    description: 'Announce a festival (coordinator; with a key, creating it again returns the same one)',
  }),
  listFestivals: defineRpc({
    name: 'calendar.festivals.list',
    version: 1,
    service: 'calendar',
    request: paginationSchema,
    response: pageOf(festivalSchema),
    description: 'Festivals, latest first',
  }),
  getFestival: defineRpc({
    name: 'calendar.festivals.get',
    version: 1,
    service: 'calendar',
    request: byId,
    response: festivalWithProgramSchema,
    description: 'A festival with its programme',
  }),
  subscribe: defineRpc({
    name: 'calendar.subscriptions.create',
    version: 1,
    service: 'calendar',
    request: z.strictObject({ actor: actorSchema, scope: feedScopeSchema, idempotencyKey: idempotencyKeySchema.optional() }),
    response: z.strictObject({ subscription: subscriptionSchema, token: feedTokenSchema }),
    description: 'Create an iCal subscription; the only time its secret token is told',
  }),
  listSubscriptions: defineRpc({
    name: 'calendar.subscriptions.list',
    version: 1,
    service: 'calendar',
    request: z.strictObject({ actor: actorSchema }),
    response: z.strictObject({ items: z.array(subscriptionSchema) }),
    description: 'The user’s own active subscriptions',
  }),
  revoke: defineRpc({
    name: 'calendar.subscriptions.revoke',
    version: 1,
    service: 'calendar',
    request: byId,
    response: subscriptionSchema,
    description: 'Revoke one of the user’s subscriptions',
  }),
  resolve: defineRpc({
    name: 'calendar.subscriptions.resolve',
    version: 1,
    service: 'calendar',
    request: z.strictObject({ token: feedTokenSchema }),
    response: z.strictObject({ id: idSchema, userId: idSchema, scope: feedScopeSchema }),
    description: 'Whose subscription a token is, and for what (404 for unknown and revoked alike)',
  }),
  feed: defineRpc({
    name: 'calendar.feeds.get',
    version: 1,
    service: 'calendar',
    request: z.strictObject({
      actor: actorSchema,
      scope: feedScopeSchema,
      /** Where users reach the gateway: event links (URL) in the feed. */
      publicUrl: z.url(),
      /** Etags the caller holds (its cache, the client's If-None-Match): if current, no content is sent. */
      knownEtags: z.array(z.string().max(200)).max(20).default([]),
      /** Part to send (0-based); parts after the first name the etag they belong to. */
      part: z.number().int().min(0).default(0),
      etag: z.string().max(200).optional(),
    }),
    response: feedSchema,
    description: 'An iCal feed as its owner may see it now (validators always, content when needed)',
  }),
} as const;
