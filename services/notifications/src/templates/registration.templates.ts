import { CHILDREN, countRu, EventSummary, moscowSpan, Registration } from '@tochka/contracts';
import { changedText } from './event.templates';
import { place } from './format';
import { MailContent } from './layout';
import { Links } from './links';

/** Mails to the contact of a group registration. */

type Input = { registration: Registration; event: EventSummary };

function facts(r: Registration, e: EventSummary): MailContent['facts'] {
  return [
    ['Мероприятие', `«${e.title}»`],
    ['Когда', moscowSpan(e.start, e.end)],
    ['Где', place({ roomName: e.venueName, address: e.address }, e.hostName)],
    ['Группа', `«${r.groupName}», ${r.organizationName}`],
    ['Состав группы', [countRu(r.children, CHILDREN), r.ageBand].filter(Boolean).join(', ')],
    ...(r.adults.length ? [['Сопровождающие', r.adults.map((a) => `${a.name}, ${a.phone}`).join('; ')] as [string, string]] : []),
    ...(r.status === 'waitlisted' && r.waitlistPosition ? [['Место в листе ожидания', String(r.waitlistPosition)] as [string, string]] : []),
  ];
}

const changedLabels: Record<string, string> = {
  groupName: 'название группы',
  children: 'число детей',
  ageBand: 'возраст',
  adults: 'сопровождающие',
  contactEmail: 'контактный адрес',
  notes: 'примечание',
  waitlistPosition: 'место в листе ожидания',
};

const calendarNote = 'Во вложении — приглашение в календарь: откройте его, чтобы добавить мероприятие.';

export const registrationTemplates = {
  registration_confirmed: ({ registration: r, event: e }: Input, links: Links): MailContent => ({
    subject: `Группа «${r.groupName}» зарегистрирована: «${e.title}»`,
    lead: `Регистрация подтверждена: группа «${r.groupName}» (${countRu(r.children, CHILDREN)}) участвует в мероприятии «${e.title}».`,
    facts: facts(r, e),
    notes: [calendarNote],
    action: { label: 'Открыть мероприятие', url: links.event(e.id) },
  }),

  registration_waitlisted: ({ registration: r, event: e }: Input, links: Links): MailContent => ({
    subject: `Группа «${r.groupName}» в листе ожидания: «${e.title}»`,
    lead: `Свободных мест на мероприятии «${e.title}» сейчас нет, поэтому группа «${r.groupName}» (${countRu(r.children, CHILDREN)}) внесена в лист ожидания${r.waitlistPosition ? ` под номером ${r.waitlistPosition}` : ''}.`,
    facts: facts(r, e),
    notes: ['Если место освободится, группа будет зарегистрирована автоматически, и мы сразу сообщим об этом.'],
    action: { label: 'Открыть мероприятие', url: links.event(e.id) },
  }),

  registration_promoted: ({ registration: r, event: e }: Input, links: Links): MailContent => ({
    subject: `Место освободилось: группа «${r.groupName}» зарегистрирована на «${e.title}»`,
    lead: `На мероприятии «${e.title}» освободилось место: группа «${r.groupName}» (${countRu(r.children, CHILDREN)}) переведена из листа ожидания в число участников.`,
    facts: facts(r, e),
    notes: [calendarNote],
    action: { label: 'Открыть мероприятие', url: links.event(e.id) },
  }),

  registration_changed: ({ registration: r, event: e, changed }: Input & { changed: string[] }, links: Links): MailContent => ({
    subject: `Изменения в регистрации группы «${r.groupName}»: «${e.title}»`,
    lead: `В регистрации группы «${r.groupName}» на мероприятие «${e.title}» изменено: ${changedText(changed, changedLabels)}. Ниже — актуальные сведения.`,
    facts: facts(r, e),
    action: { label: 'Открыть мероприятие', url: links.event(e.id) },
  }),

  registration_cancelled: ({ registration: r, event: e }: Input, links: Links): MailContent => ({
    subject: `Регистрация группы «${r.groupName}» отменена: «${e.title}»`,
    lead: `Регистрация группы «${r.groupName}» (${countRu(r.children, CHILDREN)}) на мероприятие «${e.title}» отменена.`,
    facts: facts(r, e),
    notes: r.cancellationReason ? [`Причина: ${r.cancellationReason}`] : [],
    action: { label: 'Открыть мероприятие', url: links.event(e.id) },
  }),
};
