/**
 * The one place where the web app turns data into Russian text: Moscow time, plurals, the
 * vocabulary's labels and statuses. Labels, Moscow time and plural rules come from the shared
 * contracts (`@tochka/contracts/browser`, zod-free), so pages say what the mails say.
 */
import {
  audienceLabels,
  CHILDREN,
  countRu,
  directionLabels,
  DISTRICT_TIME_ZONE,
  eventKindLabels,
  eventStatusLabels,
  GROUPS,
  moscowDate,
  notificationCategoryLabels,
  organizationKindLabels,
  pluralRu,
  registrationStatusLabels,
  roleLabels,
  SEATS,
  type Audience,
  type Direction,
  type EventKind,
  type EventStatus,
  type PluralForms,
  type RegistrationStatus,
  type Role,
} from '@tochka/contracts/browser';

export {
  audienceLabels,
  CHILDREN,
  countRu,
  directionLabels,
  DISTRICT_TIME_ZONE,
  eventKindLabels,
  GROUPS,
  moscowDate,
  notificationCategoryLabels,
  organizationKindLabels,
  pluralRu,
  roleLabels,
  SEATS,
};
export type { Audience, Direction, EventKind, EventStatus, PluralForms, RegistrationStatus, Role };

export const ADULTS: PluralForms = ['сопровождающий', 'сопровождающих', 'сопровождающих'];
export const EVENTS_FORMS: PluralForms = ['мероприятие', 'мероприятия', 'мероприятий'];

const zone = { timeZone: DISTRICT_TIME_ZONE } as const;
const dateLong = new Intl.DateTimeFormat('ru-RU', { ...zone, day: 'numeric', month: 'long', year: 'numeric' });
const weekdayShort = new Intl.DateTimeFormat('ru-RU', { ...zone, weekday: 'short' });
const time = new Intl.DateTimeFormat('ru-RU', { ...zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const monthYear = new Intl.DateTimeFormat('ru-RU', { ...zone, month: 'long', year: 'numeric' });

type Instant = string | Date;
const at = (i: Instant) => (typeof i === 'string' ? new Date(i) : i);

/** «17 апреля 2023 г.» (Moscow). */
export function formatDate(instant: Instant): string {
  return dateLong.format(at(instant));
}

/** «10:00» (Moscow). */
export function formatTime(instant: Instant): string {
  return time.format(at(instant));
}

/** «17 апреля 2023 г., пн» (Moscow). */
export function formatDay(instant: Instant): string {
  return `${formatDate(instant)}, ${weekdayShort.format(at(instant))}`;
}

/**
 * «17 апреля 2023 г., пн, 10:00–11:00» — or both days when the event ends on another Moscow day
 * («27 апреля 2023 г., чт, 10:00 — 28 апреля 2023 г., пт, 12:00»).
 */
export function formatSpan(start: Instant, end: Instant): string {
  if (moscowDate(at(start)) === moscowDate(at(end))) return `${formatDay(start)}, ${formatTime(start)}–${formatTime(end)}`;
  return `${formatDay(start)}, ${formatTime(start)} — ${formatDay(end)}, ${formatTime(end)}`;
}

/** «17 апреля 2023 г., 10:00» (Moscow): deadlines, creation times. */
export function formatMoment(instant: Instant): string {
  return `${formatDate(instant)}, ${formatTime(instant)}`;
}

/** «апрель 2023 г.» */
export function formatMonth(instant: Instant): string {
  return monthYear.format(at(instant));
}

/** «3 ребёнка» */
export const children = (n: number) => countRu(n, CHILDREN);
/** «2 группы» */
export const groups = (n: number) => countRu(n, GROUPS);
/** «5 мест» */
export const seats = (n: number) => countRu(n, SEATS);

/** First letter upper-case: the contracts' status labels are written to stand inside a sentence. */
export function capitalise(text: string): string {
  return text ? text[0].toLocaleUpperCase('ru-RU') + text.slice(1) : text;
}

export function eventStatusLabel(status: EventStatus): string {
  return capitalise(eventStatusLabels[status]);
}

export function registrationStatusLabel(status: RegistrationStatus): string {
  return capitalise(registrationStatusLabels[status]);
}

/** «Подтверждена», «В листе ожидания, место в очереди: 2», «Отменена». */
export function registrationState(r: { status: RegistrationStatus; waitlistPosition?: number }): string {
  if (r.status === 'waitlisted' && r.waitlistPosition) return `${registrationStatusLabel('waitlisted')}, место в очереди: ${r.waitlistPosition}`;
  return registrationStatusLabel(r.status);
}

/** The capacity as people read it: «20 мест, 2 группы». */
export function capacityText(capacity: { seats?: number; groups?: number }): string {
  return [capacity.seats !== undefined && seats(capacity.seats), capacity.groups !== undefined && groups(capacity.groups)].filter(Boolean).join(', ');
}

/** Free places: «Свободно: 8 мест, 1 группа», «Свободных мест нет». */
export function freePlacesText(a: { freeSeats?: number; freeGroups?: number }): string {
  if (a.freeSeats === undefined && a.freeGroups === undefined) return 'Без ограничения мест';
  if (a.freeSeats === 0 || a.freeGroups === 0) return 'Свободных мест нет: новые группы встают в лист ожидания';
  return `Свободно: ${capacityText({ seats: a.freeSeats, groups: a.freeGroups })}`;
}

/** What a registration answer means, for the page that shows it. */
export function registrationOutcome(r: { status: RegistrationStatus; waitlistPosition?: number; children: number; groupName: string }): string {
  const who = `Группа «${r.groupName}» (${children(r.children)})`;
  if (r.status === 'confirmed') return `${who} записана. Запись подтверждена.`;
  if (r.status === 'waitlisted')
    return `${who} в листе ожидания: мест сейчас нет, номер в очереди — ${r.waitlistPosition}. Если места освободятся, запись подтвердится автоматически и придёт письмо.`;
  return `${who}: запись отменена.`;
}

const SECONDS: PluralForms = ['секунду', 'секунды', 'секунд'];
const MINUTES: PluralForms = ['минуту', 'минуты', 'минут'];

/** «30 секунд», «2 минуты» (rounded up to whole minutes from a minute on). */
export function waitText(seconds: number): string {
  return seconds < 60 ? countRu(seconds, SECONDS) : countRu(Math.ceil(seconds / 60), MINUTES);
}

/** A throttled login, from its Retry-After: when to try again, in words and in Moscow time. */
export function throttledMessage(retryAfterSeconds: number, now = new Date()): string {
  const at = formatTime(new Date(now.getTime() + retryAfterSeconds * 1000));
  return `Слишком много неудачных попыток входа. Попробуйте снова через ${waitText(retryAfterSeconds)} — после ${at} по московскому времени.`;
}

// ---------------------------------------------------------------- the centres' and the coordinator's pages

export { addDays, agreementStatusLabels, notificationStatusLabels } from '@tochka/contracts/browser';
export type { AgreementStatus, NotificationStatus } from '@tochka/contracts/browser';

/** A calendar date of the contracts (YYYY-MM-DD, Moscow) as «15 февраля 2023 г.». */
export function formatCalendarDate(date: string): string {
  return formatDate(new Date(`${date}T12:00:00+03:00`));
}

/** A Moscow date and wall-clock time (from the form's inputs) as the UTC instant the API takes. */
export function moscowInstant(date: string, hhmm: string): string {
  return new Date(`${date}T${hhmm}:00+03:00`).toISOString();
}

/** The Moscow wall-clock time of an instant for a time input: «09:30». */
export function moscowHhmm(instant: Instant): string {
  return formatTime(instant);
}

/** Today in Moscow (YYYY-MM-DD). */
export function moscowToday(now = new Date()): string {
  return moscowDate(now);
}

/** Russian plurals of the summaries: «3 организации», «5 групп». */
export const ORGANIZATIONS_FORMS: PluralForms = ['организация', 'организации', 'организаций'];
export const organizations = (n: number) => countRu(n, ORGANIZATIONS_FORMS);
