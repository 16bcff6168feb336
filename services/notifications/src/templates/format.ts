import { CalendarEvent, countRu, formatMoscowDate, GROUPS, SEATS } from '@tochka/contracts';

/** «с 1 ноября 2022 по 31 августа 2023» (calendar dates). */
export function period(from: string, to: string): string {
  return `с ${formatMoscowDate(from)} по ${formatMoscowDate(to)}`;
}

/** Room, host and address: where people have to come. */
export function place(venue: { roomName: string; address: string }, hostName: string): string {
  return `${venue.roomName}, ${hostName}, ${venue.address}`;
}

export function eventPlace(event: Pick<CalendarEvent, 'venue' | 'host'>): string {
  return place(event.venue, event.host.organizationName);
}

/** «20 мест, 2 группы» */
export function capacityText(capacity: { seats?: number; groups?: number }): string {
  return [capacity.seats && countRu(capacity.seats, SEATS), capacity.groups && countRu(capacity.groups, GROUPS)].filter(Boolean).join(', ');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** «Кутовая Е.И., Шевчук О.Н.» / «МБОУ СОШ № 3 и МБДОУ д/с № 5» */
export function joinRu(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} и ${items[items.length - 1]}`;
}
