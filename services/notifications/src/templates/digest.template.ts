import { Agreement, AGREEMENTS, CalendarEvent, countRu, EVENTS, formatMoscowDate, moscowSpan } from '@tochka/contracts';
import { MailContent } from './layout';
import { Links } from './links';

/** The coordinators' morning summary: what waits for them. */
export type DigestInput = { date: string; awaiting: CalendarEvent[]; expiring: Agreement[]; atRisk: CalendarEvent[] };

const eventLine = (e: CalendarEvent) => `«${e.title}», ${e.host.organizationName}, ${moscowSpan(e.start, e.end)}`;

export const digestTemplates = {
  coordinator_digest: ({ date, awaiting, expiring, atRisk }: DigestInput, links: Links): MailContent => {
    const counts = [
      awaiting.length && `${countRu(awaiting.length, EVENTS)} ждут согласования`,
      expiring.length && `${countRu(expiring.length, AGREEMENTS)} скоро истекают`,
      atRisk.length && `${countRu(atRisk.length, EVENTS)} под угрозой`,
    ].filter(Boolean) as string[];
    return {
      subject: `Сводка на ${formatMoscowDate(date)}: ${counts.join(', ')}`,
      lead: `Что требует внимания методической службы на ${formatMoscowDate(date)}.`,
      facts: [],
      sections: [
        ...(awaiting.length ? [{ title: 'Ждут согласования', items: awaiting.map(eventLine) }] : []),
        ...(expiring.length
          ? [
              {
                title: 'Соглашения, срок которых скоро истекает',
                items: expiring.map((a) => `№ ${a.number} «${a.title}» — действует по ${formatMoscowDate(a.validTo)}`),
              },
            ]
          : []),
        ...(atRisk.length
          ? [
              {
                title: 'Мероприятия под угрозой: соглашение прекратило действие',
                items: atRisk.map((e) => `${eventLine(e)}${e.atRiskReason ? ` — ${e.atRiskReason}` : ''}`),
              },
            ]
          : []),
      ],
      action: { label: 'Открыть мероприятия на согласовании', url: links.approvals() },
    };
  },
};
