import { audienceLabels, CalendarEvent, directionLabels, eventKindLabels, formatMoscowDate } from '@tochka/contracts';

/** What a calendar app shows: Russian texts built from an event snapshot. */

/** The fields of an event an iCalendar entry prints (feeds read only these from the database). */
export type PrintedEvent = Pick<
  CalendarEvent,
  | 'id'
  | 'title'
  | 'description'
  | 'kind'
  | 'direction'
  | 'start'
  | 'end'
  | 'audience'
  | 'grades'
  | 'status'
  | 'cancellationReason'
  | 'atRiskReason'
  | 'registrationDeadline'
  | 'updatedAt'
  | 'sequence'
  | 'version'
> & {
  host: Pick<CalendarEvent['host'], 'organizationName'>;
  venue: Pick<CalendarEvent['venue'], 'roomName' | 'address'>;
  partners: Pick<CalendarEvent['partners'][number], 'organizationName'>[];
  contact: CalendarEvent['contact'];
};

export function summaryOf(event: PrintedEvent, cancelled: boolean): string {
  return cancelled ? `ОТМЕНЕНО: ${event.title}` : event.title;
}

export function locationOf(event: PrintedEvent): string {
  return [event.host.organizationName, event.venue.roomName, event.venue.address].filter(Boolean).join(', ');
}

export function categoriesOf(event: PrintedEvent): string[] {
  return [eventKindLabels[event.kind], directionLabels[event.direction]];
}

export function descriptionOf(event: PrintedEvent, cancelled: boolean): string {
  const lines: string[] = [];
  if (cancelled) {
    lines.push(`Мероприятие отменено${event.cancellationReason ? `: ${event.cancellationReason}` : '.'}`, '');
  }
  if (event.status === 'at_risk' && event.atRiskReason) lines.push(`Внимание: ${event.atRiskReason}`, '');
  if (event.description) lines.push(event.description, '');
  lines.push(`Формат: ${eventKindLabels[event.kind]}`);
  lines.push(`Направление: ${directionLabels[event.direction]}`);
  const audience = event.audience.map((a) => audienceLabels[a]).join(', ');
  lines.push(`Участники: ${audience}${event.grades ? ` (${event.grades})` : ''}`);
  lines.push(`Организатор: ${event.host.organizationName}`);
  if (event.partners.length) lines.push(`Партнёры: ${event.partners.map((p) => p.organizationName).join(', ')}`);
  if (event.registrationDeadline && !cancelled) {
    lines.push(`Запись групп до ${formatMoscowDate(new Date(event.registrationDeadline))}`);
  }
  const contact = [event.contact.name, event.contact.phone, event.contact.email].filter(Boolean).join(', ');
  lines.push(`Контактное лицо: ${contact}`);
  return lines.join('\n');
}
