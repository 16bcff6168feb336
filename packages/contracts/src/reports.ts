import { z } from 'zod';
import { actorSchema, calendarDateSchema, idSchema } from './common';
import { organizationIdSchema } from './agreements';
import { schoolYearSchema } from './calendar-rpcs';
import { defineRpc } from './define';
import { directionSchema, eventKindSchema } from './vocabulary';

/**
 * The reporting read side (services/reports): documents of the methodist (plan-schedule, festival
 * programme, letters of thanks, monitoring report), the plan-schedule import and the rollover to the
 * next school year. It answers from its own read models, fed by everyone's events.
 */

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_CONTENT_TYPE = 'application/pdf';

export const documentFormatSchema = z.enum(['xlsx', 'pdf'], { error: 'Формат документа: xlsx или pdf' });
export type DocumentFormat = z.infer<typeof documentFormatSchema>;

/** A rendered file: its Russian file name, content type and bytes (base64; documents stay well under a NATS message). */
export const documentSchema = z.strictObject({
  fileName: z.string().min(1),
  contentType: z.enum([XLSX_CONTENT_TYPE, PDF_CONTENT_TYPE]),
  data: z.string(),
});
export type RenderedDocument = z.infer<typeof documentSchema>;

// ---------------------------------------------------------------- plan-schedule

export const planExportQuerySchema = z.strictObject({
  schoolYear: schoolYearSchema,
  org: organizationIdSchema.optional(),
  direction: directionSchema.optional(),
  format: documentFormatSchema.default('xlsx'),
});

/** 700 KiB of spreadsheet: base64 of it still fits one NATS message. */
export const PLAN_IMPORT_MAX_BYTES = 700 * 1024;

export const planImportOptionsSchema = z.strictObject({
  schoolYear: schoolYearSchema,
  /** Check every row and write nothing (the default: a real import must be asked for). */
  dryRun: z
    .enum(['true', 'false'], { error: 'dryRun: true или false' })
    .default('true')
    .transform((v) => v === 'true'),
  /** The plan was approved on paper: events are loaded approved (`imported: true`), else as proposals. */
  approvedOnPaper: z
    .enum(['true', 'false'], { error: 'approvedOnPaper: true или false' })
    .default('false')
    .transform((v) => v === 'true'),
});

export const importRowSchema = z.strictObject({
  /** Row number in the sheet, as the spreadsheet shows it. */
  row: z.number().int().min(1),
  title: z.string(),
  status: z.enum(['ok', 'error', 'created', 'existing']),
  problems: z.array(z.string()),
  eventId: idSchema.optional(),
});

export const planImportResultSchema = z.strictObject({
  schoolYear: z.string(),
  dryRun: z.boolean(),
  approvedOnPaper: z.boolean(),
  ok: z.boolean(),
  rows: z.array(importRowSchema),
  created: z.number().int().min(0),
  existing: z.number().int().min(0),
  /** Russian summary of the outcome. */
  summary: z.string(),
});
export type PlanImportResult = z.infer<typeof planImportResultSchema>;

// ---------------------------------------------------------------- monitoring report

export const monitoringQuerySchema = z
  .strictObject({
    schoolYear: schoolYearSchema.optional(),
    from: calendarDateSchema.optional(),
    to: calendarDateSchema.optional(),
    /** Only this centre (a centre head always gets only its own). */
    org: organizationIdSchema.optional(),
  })
  .superRefine((q, ctx) => {
    if (!q.schoolYear && !(q.from && q.to)) ctx.addIssue({ code: 'custom', path: ['schoolYear'], message: 'Укажите учебный год или период (from и to)' });
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Конец периода раньше его начала' });
  });

const count = z.number().int().min(0);

/** The figures of one cut (a centre, a month, a direction, or the whole district). */
export const figuresSchema = z.strictObject({
  eventsHeld: count,
  networkEvents: count,
  /** Held events by kind; kinds with none are left out. */
  byKind: z.partialRecord(eventKindSchema, count),
  groupsRegistered: count,
  childrenRegistered: count,
  groupsAttended: count,
  childrenAttended: count,
  /** Participants the hosts wrote in their reports of the held events. */
  participantsReported: count,
  /** Distinct partner organisations invited to the held events. */
  partnersInvolved: count,
});
export type Figures = z.infer<typeof figuresSchema>;

export const monitoringReportSchema = z.strictObject({
  from: calendarDateSchema,
  to: calendarDateSchema,
  schoolYear: z.string().optional(),
  organization: z.strictObject({ id: organizationIdSchema, name: z.string() }).optional(),
  /** What the figures mean, in Russian: the system counts only what it recorded. */
  note: z.string(),
  total: figuresSchema,
  byCentre: z.array(z.strictObject({ organizationId: organizationIdSchema, name: z.string(), figures: figuresSchema })),
  byMonth: z.array(z.strictObject({ month: z.string(), label: z.string(), figures: figuresSchema })),
  byDirection: z.array(z.strictObject({ direction: directionSchema, label: z.string(), figures: figuresSchema })),
  agreements: z.array(
    z.strictObject({
      id: idSchema,
      number: z.string(),
      title: z.string(),
      parties: z.array(z.string()),
      validFrom: calendarDateSchema,
      validTo: calendarDateSchema,
      eventsHeld: count,
      unused: z.boolean(),
    }),
  ),
});
export type MonitoringReport = z.infer<typeof monitoringReportSchema>;

// ---------------------------------------------------------------- rollover

export const rolloverInputSchema = z
  .strictObject({
    from: schoolYearSchema,
    /** Default: the next school year. */
    to: schoolYearSchema.optional(),
  })
  .refine((r) => !r.to || r.to > r.from, { path: ['to'], message: 'Новый учебный год должен быть позже исходного' });

export const rolloverPlanSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  agreements: z.array(
    z.strictObject({
      previousId: idSchema,
      previousNumber: z.string(),
      number: z.string(),
      validFrom: calendarDateSchema,
      validTo: calendarDateSchema,
      /** `create`: will be renewed as a draft; `exists`: renewed before (with its current status). */
      action: z.enum(['create', 'exists']),
      renewedId: idSchema.optional(),
      status: z.string().optional(),
    }),
  ),
  events: z.array(
    z.strictObject({
      sourceId: idSchema,
      title: z.string(),
      hostName: z.string(),
      start: z.string(),
      end: z.string(),
      /**
       * `create`: will be proposed; `exists`: copied before; `waits`: its agreement is not in force
       * on the new date yet (a renewed draft to be signed: run the rollover again after signing);
       * `past`: the new date has already passed.
       */
      action: z.enum(['create', 'exists', 'waits', 'past']),
      reason: z.string().optional(),
      eventId: idSchema.optional(),
    }),
  ),
  summary: z.string(),
});
export type RolloverPlan = z.infer<typeof rolloverPlanSchema>;

// ---------------------------------------------------------------- RPCs

const withActor = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ actor: actorSchema, ...shape });

export const reportsRpcs = {
  planExport: defineRpc({
    name: 'reports.plan.export',
    version: 1,
    service: 'reports',
    request: withActor(planExportQuerySchema.shape),
    response: documentSchema,
    description: 'The plan-schedule of a school year as XLSX or PDF (filters: organisation, direction)',
  }),
  planImport: defineRpc({
    name: 'reports.plan.import',
    version: 1,
    service: 'reports',
    request: z.strictObject({
      actor: actorSchema,
      schoolYear: schoolYearSchema,
      dryRun: z.boolean(),
      approvedOnPaper: z.boolean(),
      /** The XLSX file, base64. */
      file: z
        .string()
        .min(1, 'Файл пуст')
        .max(Math.ceil(PLAN_IMPORT_MAX_BYTES / 3) * 4 + 4, 'Файл слишком большой'),
    }),
    response: planImportResultSchema,
    description: 'Check (dry run) or load a plan-schedule from the XLSX layout of the export (coordinator; idempotent)',
  }),
  festivalProgramme: defineRpc({
    name: 'reports.festival.programme',
    version: 1,
    service: 'reports',
    request: withActor({ festivalId: idSchema, format: documentFormatSchema.default('pdf') }),
    response: documentSchema,
    description: 'A festival programme by day and venue, XLSX or PDF',
  }),
  festivalLetters: defineRpc({
    name: 'reports.festival.letters',
    version: 1,
    service: 'reports',
    request: withActor({ festivalId: idSchema }),
    response: documentSchema,
    description: 'Letters of thanks, one PDF page per participating organisation (coordinator)',
  }),
  monitoring: defineRpc({
    name: 'reports.monitoring',
    version: 1,
    service: 'reports',
    request: z.strictObject({ actor: actorSchema, query: monitoringQuerySchema }),
    response: monitoringReportSchema,
    description: 'The monitoring report as figures (coordinator: the district; centre head: its centre)',
  }),
  monitoringExport: defineRpc({
    name: 'reports.monitoring.export',
    version: 1,
    service: 'reports',
    request: z.strictObject({ actor: actorSchema, query: monitoringQuerySchema }),
    response: documentSchema,
    description: 'The monitoring report as XLSX, one sheet per cut',
  }),
  rolloverPreview: defineRpc({
    name: 'reports.rollover.preview',
    version: 1,
    service: 'reports',
    request: withActor({ input: rolloverInputSchema }),
    response: rolloverPlanSchema,
    description: 'What starting the next school year would create (coordinator)',
  }),
  rolloverRun: defineRpc({
    name: 'reports.rollover.run',
    version: 1,
    service: 'reports',
    request: withActor({ input: rolloverInputSchema }),
    response: rolloverPlanSchema,
    description: 'Renew ending agreements as drafts and copy the plan as proposals (coordinator; twice = once)',
  }),
} as const;
