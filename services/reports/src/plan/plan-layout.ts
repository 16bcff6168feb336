import { audienceLabels, CalendarEvent, directionLabels, eventKindLabels, moscowTime } from '@tochka/contracts';
import { ddmmyyyy } from '../school-year';

/**
 * The columns of the plan-schedule as the methodist publishes it, in order. The XLSX export writes
 * them and the import reads them back by their headers, so a plan drafted in the same spreadsheet
 * loads as it reads.
 */
export const PLAN_COLUMNS = {
  no: '№ п/п',
  title: 'Мероприятие',
  kind: 'Форма проведения',
  direction: 'Направление',
  date: 'Дата',
  time: 'Время (МСК)',
  host: 'Центр (организатор)',
  room: 'Помещение',
  responsible: 'Ответственный',
  partners: 'Участники (партнёры)',
  audience: 'Для кого',
  grades: 'Классы, возраст',
  seats: 'Мест',
  groups: 'Групп',
  agreement: 'Соглашение',
} as const;
export type PlanColumn = keyof typeof PLAN_COLUMNS;

/** Several organisations or categories in one cell. */
export const LIST_SEPARATOR = '; ';

export interface PlanRow {
  no: number;
  title: string;
  kind: string;
  direction: string;
  date: string;
  time: string;
  host: string;
  room: string;
  responsible: string;
  partners: string;
  audience: string;
  grades: string;
  seats: number | '';
  groups: number | '';
  agreement: string;
}

/** One event as a row of the plan (Moscow dates and times). */
export function planRow(no: number, e: CalendarEvent, agreementNumbers: Map<string, string>): PlanRow {
  return {
    no,
    title: e.title,
    kind: eventKindLabels[e.kind],
    direction: directionLabels[e.direction],
    date: ddmmyyyy(e.start),
    time: `${moscowTime(e.start)}–${moscowTime(e.end)}`,
    host: e.host.organizationName,
    room: e.venue.roomName,
    responsible: e.contact.name,
    partners: e.partners.map((p) => p.organizationName).join(LIST_SEPARATOR),
    audience: e.audience.map((a) => audienceLabels[a]).join(LIST_SEPARATOR),
    grades: e.grades ?? '',
    seats: e.capacity?.seats ?? '',
    groups: e.capacity?.groups ?? '',
    agreement: e.agreementId ? (agreementNumbers.get(e.agreementId) ?? '') : '',
  };
}
