import { CalendarEvent, CHILDREN, countRu, GROUPS, moscowMoment, moscowSpan, Registration } from '@tochka/contracts';
import { eventFacts } from './event.templates';
import { MailContent } from './layout';
import { Links } from './links';

/**
 * The reminder before an event: to the contact of each confirmed group (about their group) and
 * to the host's head (about everyone who is coming).
 */
export type ReminderInput = { event: CalendarEvent; confirmed: Registration[] } & ({ to: 'host' } | { to: 'group'; registration: Registration });

export const reminderTemplates = {
  event_reminder: (input: ReminderInput, links: Links): MailContent => {
    const e = input.event;
    const when = moscowSpan(e.start, e.end);
    const children = input.confirmed.reduce((sum, r) => sum + r.children, 0);
    const lead =
      input.to === 'group'
        ? `Напоминаем: группа «${input.registration.groupName}» (${countRu(input.registration.children, CHILDREN)}) участвует в мероприятии «${e.title}» — ${when}.`
        : `Напоминаем: ваша организация проводит мероприятие «${e.title}» — ${when}.`;
    const notes =
      input.to === 'host'
        ? [
            input.confirmed.length
              ? `Зарегистрировано: ${countRu(input.confirmed.length, GROUPS)}, ${countRu(children, CHILDREN)} (${input.confirmed.map((r) => `${r.organizationName} — «${r.groupName}», ${countRu(r.children, CHILDREN)}`).join('; ')}).`
              : 'Зарегистрированных групп нет.',
          ]
        : [];
    return {
      subject: `Напоминание: «${e.title}» — ${moscowMoment(e.start)}`,
      lead,
      facts: eventFacts(e),
      notes,
      action: { label: 'Открыть мероприятие', url: links.event(e.id) },
    };
  },
};
