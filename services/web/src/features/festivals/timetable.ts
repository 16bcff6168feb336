import { addDays, moscowDate } from '../../shared/format';
import type { ProgramEvent } from './queries';

export interface Venue {
  key: string;
  organizationName: string;
  roomName: string;
}

export interface Timetable {
  days: string[];
  venues: Venue[];
  /** events[day][venueKey], by start time. */
  cells: Map<string, Map<string, ProgramEvent[]>>;
  /** Events that overlap another in the same room, or share a partner at the same time. */
  clashes: Map<string, string>;
  /** Festival days without any event. */
  emptyDays: string[];
}

const venueKey = (e: ProgramEvent) => `${e.host.organizationId}/${e.venue.roomKey}`;
const overlaps = (a: ProgramEvent, b: ProgramEvent) => a.start < b.end && b.start < a.end;

/** The programme as a grid of days × venues (like Indico's timetable), with clashes and gaps. */
export function timetableOf(festival: { startDate: string; endDate: string }, program: ProgramEvent[]): Timetable {
  const events = program.filter((e) => e.status !== 'cancelled' && e.status !== 'rejected').sort((a, b) => a.start.localeCompare(b.start));
  const days: string[] = [];
  for (let d = festival.startDate; d <= festival.endDate; d = addDays(d, 1)) days.push(d);
  const venues = new Map<string, Venue>();
  for (const e of events) venues.set(venueKey(e), { key: venueKey(e), organizationName: e.host.organizationName, roomName: e.venue.roomName });
  const cells = new Map<string, Map<string, ProgramEvent[]>>();
  for (const e of events) {
    const day = moscowDate(new Date(e.start));
    const row = cells.get(day) ?? new Map<string, ProgramEvent[]>();
    row.set(venueKey(e), [...(row.get(venueKey(e)) ?? []), e]);
    cells.set(day, row);
  }
  const clashes = new Map<string, string>();
  for (const [i, a] of events.entries()) {
    for (const b of events.slice(i + 1)) {
      if (!overlaps(a, b)) continue;
      if (venueKey(a) === venueKey(b)) {
        clashes.set(a.id, `в то же время в этом помещении: «${b.title}»`);
        clashes.set(b.id, `в то же время в этом помещении: «${a.title}»`);
        continue;
      }
      const orgsA = new Set([a.host.organizationId, ...a.partners.map((p) => p.organizationId)]);
      const shared = [b.host, ...b.partners].find((o) => orgsA.has(o.organizationId));
      if (shared) {
        clashes.set(a.id, clashes.get(a.id) ?? `${shared.organizationName} в то же время на «${b.title}»`);
        clashes.set(b.id, clashes.get(b.id) ?? `${shared.organizationName} в то же время на «${a.title}»`);
      }
    }
  }
  const sortedVenues = [...venues.values()].sort(
    (a, b) => a.organizationName.localeCompare(b.organizationName, 'ru') || a.roomName.localeCompare(b.roomName, 'ru'),
  );
  return { days, venues: sortedVenues, cells, clashes, emptyDays: days.filter((d) => !cells.has(d)) };
}
