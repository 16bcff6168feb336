import { MANDATORY_CATEGORIES, NotificationCategory, NotificationTemplate } from '@tochka/contracts';
import { agreementTemplates } from './agreement.templates';
import { digestTemplates } from './digest.template';
import { eventTemplates } from './event.templates';
import { layout, MailContent, RenderedMail } from './layout';
import { Links } from './links';
import { registrationTemplates } from './registration.templates';
import { reminderTemplates } from './reminder.template';

/** Every mail of the network, by template name: the one place their words live. */
const templates = {
  ...agreementTemplates,
  ...eventTemplates,
  ...registrationTemplates,
  ...reminderTemplates,
  ...digestTemplates,
} satisfies Record<NotificationTemplate, (input: never, links: Links) => MailContent>;

export type TemplateInput<T extends NotificationTemplate> = Parameters<(typeof templates)[T]>[0];

/** Which preference switches a template off. */
export const templateCategory: Record<NotificationTemplate, NotificationCategory> = {
  agreement_signature_request: 'agreement_signing',
  agreement_activated: 'agreements',
  agreement_expiring: 'agreements',
  agreement_expired: 'agreements',
  agreement_terminated: 'agreements',
  event_proposed: 'event_approval',
  event_approved: 'event_approval',
  event_rejected: 'event_approval',
  event_invitation: 'event_invitations',
  event_rescheduled: 'event_changes',
  event_updated: 'event_changes',
  event_cancelled: 'event_changes',
  registration_confirmed: 'registration_results',
  registration_waitlisted: 'registration_results',
  registration_promoted: 'registration_results',
  registration_changed: 'registration_updates',
  registration_cancelled: 'registration_updates',
  event_reminder: 'reminders',
  coordinator_digest: 'digest',
};

/** Subject, plain text and HTML of one mail to one person. */
export function renderMail<T extends NotificationTemplate>(template: T, input: TemplateInput<T>, links: Links, recipientName?: string): RenderedMail {
  const content = (templates[template] as (input: TemplateInput<T>, links: Links) => MailContent)(input, links);
  const switchable = !MANDATORY_CATEGORIES.includes(templateCategory[template]);
  return layout(content, { recipientName, ...(switchable ? { preferencesUrl: links.preferences() } : {}) });
}

export type { RenderedMail } from './layout';
export { linksFor, type Links } from './links';
export { pluralRu, countRu } from '@tochka/contracts';
