import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { CalendarEvent, DISTRICT_TIME_ZONE } from '@tochka/contracts';
import { MOSCOW_VTIMEZONE, MoscowDateTime } from './moscow-time';
import { categoriesOf, descriptionOf, locationOf, summaryOf } from './texts';

export type IcsMethod = 'PUBLISH' | 'REQUEST' | 'CANCEL';

export interface RenderOptions {
  /** Default PUBLISH (feeds); mail invitations use REQUEST and CANCEL. */
  method?: IcsMethod;
  /** X-WR-CALNAME */
  name?: string;
  /** Links point to the event's page in the web app, `${publicUrl}/events/${id}`. */
  publicUrl: string;
  /** REFRESH-INTERVAL and X-PUBLISHED-TTL, default 60. */
  refreshMinutes?: number;
  /** DTSTAMP, default the current time. */
  now?: Date;
}

const statusOf: Record<CalendarEvent['status'], ICalEventStatus> = {
  proposed: ICalEventStatus.TENTATIVE,
  approved: ICalEventStatus.CONFIRMED,
  held: ICalEventStatus.CONFIRMED,
  at_risk: ICalEventStatus.TENTATIVE,
  rejected: ICalEventStatus.CANCELLED,
  cancelled: ICalEventStatus.CANCELLED,
};

/** The iCalendar identity of an event: stable for its whole life, so clients update one entry. */
export function icalUid(eventId: string): string {
  return `${eventId}@tochka-rosta`;
}

/** One VCALENDAR with a VEVENT per event; times carry TZID=Europe/Moscow. */
export function renderCalendar(events: CalendarEvent[], opts: RenderOptions): string {
  const method = opts.method ?? 'PUBLISH';
  const now = opts.now ?? new Date();
  const publicUrl = opts.publicUrl.replace(/\/+$/, '');
  const calendar = ical({
    prodId: { company: 'Tochka Rosta Shcherbinovsky', product: 'Calendar', language: 'RU' },
    method: ICalCalendarMethod[method],
    name: opts.name ?? null,
    // No calendar-level zone name: ical-generator would then write DTSTAMP and LAST-MODIFIED as
    // local times; the generator alone adds the VTIMEZONE the events refer to.
    timezone: { name: null, generator: (tz) => (tz === DISTRICT_TIME_ZONE ? MOSCOW_VTIMEZONE : null) },
    ttl: (opts.refreshMinutes ?? 60) * 60,
    x: { 'X-WR-TIMEZONE': DISTRICT_TIME_ZONE },
  });

  for (const event of events) {
    const cancelled = method === 'CANCEL' || event.status === 'cancelled';
    calendar.createEvent({
      id: icalUid(event.id),
      sequence: event.sequence,
      stamp: now,
      lastModified: new Date(event.updatedAt),
      timezone: DISTRICT_TIME_ZONE,
      start: new MoscowDateTime(new Date(event.start)),
      end: new MoscowDateTime(new Date(event.end)),
      summary: summaryOf(event, cancelled),
      description: descriptionOf(event, cancelled),
      location: locationOf(event),
      // ORGANIZER is a mail address (CAL-ADDRESS): without one there is nothing valid to write.
      // (When the proposer names no contact, the calendar service names the host's head, with mail.)
      organizer: event.contact.email ? { name: `${event.contact.name} (${event.host.organizationName})`, email: event.contact.email } : null,
      url: `${publicUrl}/events/${event.id}`,
      categories: categoriesOf(event).map((name) => ({ name })),
      status: cancelled ? ICalEventStatus.CANCELLED : statusOf[event.status],
    });
  }
  return calendar.toString();
}
