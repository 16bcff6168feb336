import ical, { foldLines, ICalCalendar, ICalCalendarMethod, ICalEventData, ICalEventStatus } from 'ical-generator';
import { CalendarEvent, DISTRICT_TIME_ZONE } from '@tochka/contracts';
import { MOSCOW_VTIMEZONE, MoscowDateTime } from './moscow-time';
import { categoriesOf, descriptionOf, locationOf, PrintedEvent, summaryOf } from './texts';

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

function calendarOf(opts: Omit<RenderOptions, 'publicUrl' | 'now'>): ICalCalendar {
  return ical({
    prodId: { company: 'Tochka Rosta Shcherbinovsky', product: 'Calendar', language: 'RU' },
    method: ICalCalendarMethod[opts.method ?? 'PUBLISH'],
    name: opts.name ?? null,
    // No calendar-level zone name: ical-generator would then write DTSTAMP and LAST-MODIFIED as
    // local times; the generator alone adds the VTIMEZONE the events refer to.
    timezone: { name: null, generator: (tz) => (tz === DISTRICT_TIME_ZONE ? MOSCOW_VTIMEZONE : null) },
    ttl: (opts.refreshMinutes ?? 60) * 60,
    x: { 'X-WR-TIMEZONE': DISTRICT_TIME_ZONE },
  });
}

/** One VEVENT's data for ical-generator. */
function eventData(event: PrintedEvent, method: IcsMethod, publicUrl: string, stamp: Date): ICalEventData {
  const cancelled = method === 'CANCEL' || event.status === 'cancelled';
  return {
    id: icalUid(event.id),
    sequence: event.sequence,
    stamp,
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
  };
}

/** One VCALENDAR with a VEVENT per event; times carry TZID=Europe/Moscow. */
export function renderCalendar(events: PrintedEvent[], opts: RenderOptions): string {
  const method = opts.method ?? 'PUBLISH';
  const now = opts.now ?? new Date();
  const publicUrl = opts.publicUrl.replace(/\/+$/, '');
  const calendar = calendarOf(opts);
  for (const event of events) calendar.createEvent(eventData(event, method, publicUrl, now));
  return calendar.toString();
}

/**
 * Feeds (METHOD:PUBLISH), each VEVENT rendered once per event version and kept: a feed is its
 * header and the kept texts of its events, so after one event changed only that one is rendered
 * again. DTSTAMP is the event's own last change (not the feed's), so an entry's text depends on
 * the event version and the public URL alone and is the same in every feed that shows it.
 */
export class FeedRenderer {
  /** By `publicUrl \0 id`: the version rendered and its folded text (least recently used dropped first). */
  private readonly kept = new Map<string, { version: number; text: string }>();
  private scratch = calendarOf({});
  private made = 0;

  constructor(private readonly capacity = 100_000) {}

  render(events: PrintedEvent[], opts: Omit<RenderOptions, 'method' | 'now'>): string {
    const publicUrl = opts.publicUrl.replace(/\/+$/, '');
    const shell = calendarOf(opts).toString();
    const end = shell.lastIndexOf('END:VCALENDAR');
    const parts = [shell.slice(0, end)];
    if (events.length) parts.push(`${MOSCOW_VTIMEZONE}\r\n`);
    for (const event of events) parts.push(this.entry(event, publicUrl));
    parts.push('END:VCALENDAR');
    return parts.join('');
  }

  private entry(event: PrintedEvent, publicUrl: string): string {
    const key = `${publicUrl}\0${event.id}`;
    const kept = this.kept.get(key);
    if (kept && kept.version === event.version) {
      this.kept.delete(key);
      this.kept.set(key, kept);
      return kept.text;
    }
    // The scratch calendar only lends ical-generator's event rendering; it is never printed.
    if (++this.made % 1000 === 0) this.scratch = calendarOf({});
    const text = foldLines(this.scratch.createEvent(eventData(event, 'PUBLISH', publicUrl, new Date(event.updatedAt))).toString());
    this.kept.delete(key);
    this.kept.set(key, { version: event.version, text });
    while (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
    return text;
  }
}
