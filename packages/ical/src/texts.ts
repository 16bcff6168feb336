import { audienceLabels, CalendarEvent, directionLabels, eventKindLabels, formatMoscowDate } from '@tochka/contracts';

/** What a calendar app shows: Russian texts built from an event snapshot. */

export function summaryOf(event: CalendarEvent, cancelled: boolean): string {
  return cancelled ? `ОТМЕНЕНО: ${event.title}` : event.title;
}

export function locationOf(event: CalendarEvent): string {
  return [event.host.organizationName, event.venue.roomName, event.venue.address].filter(Boolean).join(', ');
}

export function categoriesOf(event: CalendarEvent): string[] {
  return [eventKindLabels[event.kind], directionLabels[event.direction]];
}

export function descriptionOf(event: CalendarEvent, cancelled: boolean): string {
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
