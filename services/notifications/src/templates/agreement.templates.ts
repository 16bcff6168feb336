import { Agreement, countRu, DAYS, directionLabels, formatMoscowDate } from '@tochka/contracts';
import { joinRu, period } from './format';
import { MailContent } from './layout';
import { Links } from './links';

/** Mails about network agreements: to the heads of the parties (and the coordinator when one is ending). */

function facts(a: Agreement): MailContent['facts'] {
  return [
    ['Соглашение', `«${a.title}» № ${a.number}`],
    ['Стороны', joinRu(a.parties.map((p) => p.organizationName))],
    ['Срок действия', period(a.validFrom, a.validTo)],
    ['Направления', a.directions.map((d) => directionLabels[d]).join(', ')],
  ];
}

export const agreementTemplates = {
  agreement_signature_request: ({ agreement: a, partyName }: { agreement: Agreement; partyName: string }, links: Links): MailContent => ({
    subject: `Соглашение № ${a.number} ожидает вашей подписи`,
    lead: `Соглашение «${a.title}» направлено сторонам на подпись. Просим подписать его от имени организации ${partyName}.`,
    facts: facts(a),
    notes: ['Соглашение вступит в силу, когда его подпишут руководители всех сторон.'],
    action: { label: 'Открыть соглашение и подписать', url: links.agreement(a.id) },
  }),

  agreement_activated: ({ agreement: a }: { agreement: Agreement }, links: Links): MailContent => ({
    subject: `Соглашение № ${a.number} вступило в силу`,
    lead: `Все стороны подписали соглашение «${a.title}». Оно действует ${period(a.validFrom, a.validTo)}.`,
    facts: facts(a),
    action: { label: 'Открыть соглашение', url: links.agreement(a.id) },
  }),

  agreement_expiring: ({ agreement: a, daysLeft }: { agreement: Agreement; daysLeft: number }, links: Links): MailContent => ({
    subject: `Срок действия соглашения № ${a.number} истекает через ${countRu(daysLeft, DAYS)}`,
    lead: `Соглашение «${a.title}» действует по ${formatMoscowDate(a.validTo)}: осталось ${countRu(daysLeft, DAYS)}.`,
    facts: facts(a),
    notes: ['Если сотрудничество продолжается, продлите соглашение на следующий период: совместные мероприятия после окончания срока будут под угрозой.'],
    action: { label: 'Открыть соглашение', url: links.agreement(a.id) },
  }),

  agreement_expired: ({ agreement: a }: { agreement: Agreement }, links: Links): MailContent => ({
    subject: `Срок действия соглашения № ${a.number} истёк`,
    lead: `Соглашение «${a.title}» действовало по ${formatMoscowDate(a.validTo)} и больше не действует.`,
    facts: facts(a),
    action: { label: 'Открыть соглашение', url: links.agreement(a.id) },
  }),

  agreement_terminated: ({ agreement: a }: { agreement: Agreement }, links: Links): MailContent => ({
    subject: `Соглашение № ${a.number} расторгнуто`,
    lead: `Соглашение «${a.title}» расторгнуто${a.terminatedOn ? ` с ${formatMoscowDate(a.terminatedOn)}` : ''}.`,
    facts: facts(a),
    notes: a.terminationReason ? [`Причина: ${a.terminationReason}`] : [],
    action: { label: 'Открыть соглашение', url: links.agreement(a.id) },
  }),
};
