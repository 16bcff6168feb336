import type { Direction, EventKind, EventStatus } from '../../shared/format';
import type { EventQuery } from './queries';

/**
 * The periods FullCalendar shows, computed ahead of it, so that a month's events can be asked for
 * before the calendar has mounted (the route's loader) and the neighbouring months prefetched.
 * They must equal FullCalendar's own `datesSet` ranges: month = six weeks from the Monday on or
 * before the 1st (Russian locale, fixed week count), week = Monday to Monday, list = the month.
 * Dates are Moscow calendar dates (YYYY-MM-DD).
 */
export const VIEWS = { month: 'dayGridMonth', week: 'timeGridWeek', list: 'listMonth' } as const;
export type ViewKey = keyof typeof VIEWS;

const day = (date: string) => new Date(`${date}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (date: string, n: number) => {
  const d = day(date);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
};
const firstOfMonth = (date: string, shift = 0) => {
  const d = day(date);
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + shift, 1)));
};
const mondayOf = (date: string) => addDays(date, -((day(date).getUTCDay() + 6) % 7));
const moscowMidnight = (date: string) => new Date(`${date}T00:00:00+03:00`).toISOString();

export function periodOf(view: ViewKey, date: string): { from: string; to: string } {
  if (view === 'week') {
    const start = mondayOf(date);
    return { from: moscowMidnight(start), to: moscowMidnight(addDays(start, 7)) };
  }
  if (view === 'list') return { from: moscowMidnight(firstOfMonth(date)), to: moscowMidnight(firstOfMonth(date, 1)) };
  const start = mondayOf(firstOfMonth(date));
  return { from: moscowMidnight(start), to: moscowMidnight(addDays(start, 42)) };
}

/** The date one period before or after (FullCalendar's «Назад» / «Вперёд»). */
export function shiftPeriod(view: ViewKey, date: string, by: 1 | -1): string {
  return view === 'week' ? addDays(date, 7 * by) : firstOfMonth(date, by);
}

export const FILTERS = ['direction', 'org', 'kind', 'festival', 'status'] as const;

/** The API query for a period and the page's filters (one shape for the page, loader and prefetch). */
export function eventQuery(period: { from: string; to: string }, params: URLSearchParams): EventQuery {
  const q: EventQuery = { from: period.from, to: period.to };
  const direction = params.get('direction');
  const org = params.get('org');
  const kind = params.get('kind');
  const festival = params.get('festival');
  const status = params.get('status');
  if (direction) q.direction = direction as Direction;
  if (org) q.org = org;
  if (kind) q.kind = kind as EventKind;
  if (festival) q.festival = festival;
  if (status) q.status = status as EventStatus;
  return q;
}

const moscowDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' });

/** The Moscow date of an instant. */
export function moscowDay(instant: Date): string {
  return moscowDate.format(instant);
}

/** Phones start in the list view (a month grid does not fit 375 px). */
export const PHONE_QUERY = '(max-width: 48em)';

export function viewOf(params: URLSearchParams, phone: boolean): ViewKey {
  const v = params.get('view');
  return v === 'month' || v === 'week' || v === 'list' ? v : phone ? 'list' : 'month';
}
