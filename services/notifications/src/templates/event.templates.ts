import { audienceLabels, CalendarEvent, directionLabels, eventKindLabels, moscowMoment, moscowSpan } from '@tochka/contracts';
import { capacityText, eventPlace, joinRu } from './format';
import { MailContent } from './layout';
import { Links } from './links';

/** Mails about joint events: approval, invitations, changes. */

export function eventFacts(e: CalendarEvent): MailContent['facts'] {
  const contact = [e.contact.name, e.contact.phone, e.contact.email].filter(Boolean).join(', ');
  return [
    ['Мероприятие', `«${e.title}» (${eventKindLabels[e.kind].toLowerCase()})`],
    ['Когда', moscowSpan(e.start, e.end)],
    ['Где', eventPlace(e)],
    ['Проводит', e.host.organizationName],
    ...(e.partners.length ? [['Участники', joinRu(e.partners.map((p) => p.organizationName))] as [string, string]] : []),
    ['Направление', directionLabels[e.direction]],
    ['Для кого', [e.audience.map((a) => audienceLabels[a].toLowerCase()).join(', '), e.grades].filter(Boolean).join(', ')],
    ...(e.capacity ? [['Вместимость', capacityText(e.capacity)] as [string, string]] : []),
    ...(e.capacity && e.registrationDeadline ? [['Регистрация групп до', moscowMoment(e.registrationDeadline)] as [string, string]] : []),
    ['Контактное лицо', contact],
  ];
}

/** What `event.updated` may name in `changed`, as users read it. */
const changedLabels: Record<string, string> = {
  title: 'название',
  description: 'описание',
  kind: 'вид мероприятия',
  direction: 'направление',
  venue: 'место проведения',
  start: 'время начала',
  end: 'время окончания',
  audience: 'состав участников',
  grades: 'классы или возраст',
  partners: 'приглашённые организации',
  capacity: 'вместимость',
  registrationDeadline: 'срок регистрации',
  contact: 'контактное лицо',
  agreementId: 'соглашение',
  festivalId: 'участие в фестивале',
};

export function changedText(changed: string[], labels: Record<string, string>): string {
  const named = [...new Set(changed.map((c) => labels[c] ?? 'другие сведения'))];
  return named.join(', ');
}

const calendarNote = 'Во вложении — приглашение в календарь: откройте его, чтобы добавить мероприятие или обновить уже добавленное.';

export const eventTemplates = {
  event_proposed: ({ event: e }: { event: CalendarEvent }, links: Links): MailContent => ({
    subject: `Новое мероприятие на согласование: «${e.title}»`,
    lead: `${e.host.organizationName} предлагает мероприятие «${e.title}» и просит согласовать его для включения в план сети.`,
    facts: eventFacts(e),
    notes: e.description ? [e.description] : [],
    action: { label: 'Рассмотреть заявку', url: links.event(e.id) },
  }),

  event_approved: ({ event: e }: { event: CalendarEvent }, links: Links): MailContent => ({
    subject: `Мероприятие согласовано: «${e.title}»`,
    lead: `Методическая служба согласовала мероприятие «${e.title}». Оно включено в план сети${e.capacity ? ', приглашённые организации могут регистрировать группы' : ''}.`,
    facts: eventFacts(e),
    notes: e.approvalComment ? [`Комментарий координатора: ${e.approvalComment}`] : [],
    action: { label: 'Открыть мероприятие', url: links.event(e.id) },
  }),

  event_rejected: ({ event: e }: { event: CalendarEvent }, links: Links): MailContent => ({
    subject: `Мероприятие не согласовано: «${e.title}»`,
    lead: `Методическая служба не согласовала мероприятие «${e.title}».`,
    facts: eventFacts(e),
    notes: e.rejectionReason ? [`Причина: ${e.rejectionReason}`] : [],
    action: { label: 'Открыть заявку', url: links.event(e.id) },
  }),

  event_invitation: ({ event: e, partnerName }: { event: CalendarEvent; partnerName: string }, links: Links): MailContent => ({
    subject: `Новое мероприятие для вас: «${e.title}»`,
    lead: `${e.host.organizationName} приглашает ${partnerName} на мероприятие «${e.title}». Мероприятие согласовано методической службой.`,
    facts: eventFacts(e),
    notes: [
      ...(e.description ? [e.description] : []),
      ...(e.capacity ? ['Чтобы участвовать, зарегистрируйте группу до окончания срока регистрации.'] : []),
      calendarNote,
    ],
    action: { label: e.capacity ? 'Открыть мероприятие и зарегистрировать группу' : 'Открыть мероприятие', url: links.event(e.id) },
  }),

  event_rescheduled: ({ event: e, previous }: { event: CalendarEvent; previous: { start: string; end: string } }, links: Links): MailContent => ({
    subject: `Мероприятие перенесено: «${e.title}»`,
    lead: `Мероприятие «${e.title}» перенесено на ${moscowSpan(e.start, e.end)}.`,
    facts: [['Было', moscowSpan(previous.start, previous.end)], ['Стало', moscowSpan(e.start, e.end)], ...eventFacts(e).filter(([l]) => l !== 'Когда')],
    notes: [calendarNote],
    action: { label: 'Открыть мероприятие', url: links.event(e.id) },
  }),

  event_updated: ({ event: e, changed }: { event: CalendarEvent; changed: string[] }, links: Links): MailContent => ({
    subject: `Изменения в мероприятии «${e.title}»`,
    lead: `В мероприятии «${e.title}» изменено: ${changedText(changed, changedLabels)}. Ниже — актуальные сведения.`,
    facts: eventFacts(e),
    notes: [calendarNote],
    action: { label: 'Открыть мероприятие', url: links.event(e.id) },
  }),

  event_cancelled: ({ event: e }: { event: CalendarEvent }, links: Links): MailContent => ({
    subject: `Мероприятие отменено: «${e.title}»`,
    lead: `Мероприятие «${e.title}», назначенное на ${moscowSpan(e.start, e.end)}, отменено.`,
    facts: eventFacts(e),
    notes: [
      ...(e.cancellationReason ? [`Причина: ${e.cancellationReason}`] : []),
      'Во вложении — отмена для календаря: откройте её, чтобы убрать мероприятие из своего календаря.',
    ],
    action: { label: 'Открыть мероприятие', url: links.event(e.id) },
  }),
};
