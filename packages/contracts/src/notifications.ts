import { z } from 'zod';
import { MANDATORY_CATEGORIES, NOTIFICATION_CATEGORIES, NOTIFICATION_STATUSES, NotificationCategory, notificationCategoryLabels } from './labels';
import { actorSchema, calendarDateSchema, emailSchema, idSchema, instantSchema, pageOf, paginationSchema } from './common';
import { defineRpc } from './define';

/** Commands and queries of the notifications service (preferences, delivery log). */

// ---------------------------------------------------------------- categories and preferences

/**
 * What a user may switch off, one category per kind of mail. Registration results and agreement
 * signing requests always go out: someone has to act on them.
 */
export const notificationCategorySchema = z.enum(NOTIFICATION_CATEGORIES);

/** Every category with its state; what GET and PUT answer. */
export const notificationPreferencesSchema = z.strictObject(
  Object.fromEntries(NOTIFICATION_CATEGORIES.map((c) => [c, z.boolean()])) as Record<NotificationCategory, z.ZodBoolean>,
);
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/** PUT body: the categories to set; the ones left out are on. Mandatory ones cannot be off. */
export const notificationPreferencesInputSchema = notificationPreferencesSchema.partial().superRefine((prefs, ctx) => {
  for (const category of MANDATORY_CATEGORIES) {
    if (prefs[category] === false) {
      ctx.addIssue({
        code: 'custom',
        path: [category],
        message: `Уведомления «${notificationCategoryLabels[category]}» отключить нельзя`,
      });
    }
  }
});
export type NotificationPreferencesInput = z.input<typeof notificationPreferencesInputSchema>;

export const notificationPreferencesViewSchema = z.strictObject({
  preferences: notificationPreferencesSchema,
  categories: z.array(z.strictObject({ category: notificationCategorySchema, label: z.string(), enabled: z.boolean(), mandatory: z.boolean() })),
});
export type NotificationPreferencesView = z.infer<typeof notificationPreferencesViewSchema>;

// ---------------------------------------------------------------- the delivery log

export const NOTIFICATION_TEMPLATES = [
  'agreement_signature_request',
  'agreement_activated',
  'agreement_expiring',
  'agreement_expired',
  'agreement_terminated',
  'event_proposed',
  'event_approved',
  'event_rejected',
  'event_invitation',
  'event_rescheduled',
  'event_updated',
  'event_cancelled',
  'registration_confirmed',
  'registration_waitlisted',
  'registration_promoted',
  'registration_changed',
  'registration_cancelled',
  'event_reminder',
  'coordinator_digest',
] as const;
export const notificationTemplateSchema = z.enum(NOTIFICATION_TEMPLATES);
export type NotificationTemplate = z.infer<typeof notificationTemplateSchema>;

export const notificationStatusSchema = z.enum(NOTIFICATION_STATUSES);

export const notificationSchema = z.strictObject({
  id: idSchema,
  recipient: emailSchema,
  template: notificationTemplateSchema,
  category: notificationCategorySchema,
  subject: z.string(),
  /** The bus event (or `reminder:…` / `digest:…` for scheduled mails) it answers. */
  sourceEventId: z.string(),
  sourceType: z.string(),
  status: notificationStatusSchema,
  attempts: z.number().int().min(0),
  lastError: z.string().optional(),
  smtpMessageId: z.string().optional(),
  nextAttemptAt: instantSchema.optional(),
  hasCalendar: z.boolean(),
  createdAt: instantSchema,
  sentAt: instantSchema.optional(),
  failedAt: instantSchema.optional(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = paginationSchema
  .extend({
    status: notificationStatusSchema.optional(),
    recipient: emailSchema.optional(),
    template: notificationTemplateSchema.optional(),
    /** Created on or after this Moscow date. */
    from: calendarDateSchema.optional(),
    /** Created on or before this Moscow date. */
    to: calendarDateSchema.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'Дата «по» раньше даты «с»' });

// ---------------------------------------------------------------- commands and queries

export const notificationRpcs = {
  getPreferences: defineRpc({
    name: 'notifications.preferences.get',
    version: 1,
    service: 'notifications',
    request: z.strictObject({ actor: actorSchema }),
    response: notificationPreferencesViewSchema,
    description: 'The asking user’s notification categories',
  }),
  putPreferences: defineRpc({
    name: 'notifications.preferences.put',
    version: 1,
    service: 'notifications',
    request: z.strictObject({ actor: actorSchema, preferences: notificationPreferencesInputSchema }),
    response: notificationPreferencesViewSchema,
    description: 'Replace the asking user’s notification categories (mandatory ones stay on)',
  }),
  list: defineRpc({
    name: 'notifications.list',
    version: 1,
    service: 'notifications',
    request: z.strictObject({ actor: actorSchema, query: notificationListQuerySchema }),
    response: pageOf(notificationSchema),
    description: 'The delivery log (coordinator), newest first',
  }),
  retry: defineRpc({
    name: 'notifications.retry',
    version: 1,
    service: 'notifications',
    request: z.strictObject({ actor: actorSchema, id: idSchema }),
    response: notificationSchema,
    description: 'Queue a failed notification again (coordinator)',
  }),
} as const;
