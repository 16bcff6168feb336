import { addDays, moscowDate, moscowStartOfDay } from '@tochka/contracts';

/** A school year runs from 1 September to 31 August (Moscow calendar dates). */
export interface Period {
  from: string;
  to: string;
}

export function schoolYearPeriod(schoolYear: string): Period {
  return { from: `${schoolYear.slice(0, 4)}-09-01`, to: `${schoolYear.slice(5)}-08-31` };
}

/** «2022–2023» */
export function schoolYearLabel(schoolYear: string): string {
  return schoolYear.replace('-', '–');
}

/** The instants [start, end) of a period of Moscow dates. */
export function instantsOf(p: Period): { start: Date; end: Date } {
  return { start: moscowStartOfDay(p.from), end: moscowStartOfDay(addDays(p.to, 1)) };
}

const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

/** «2023-04» → «апрель 2023» */
export function monthLabel(month: string): string {
  return `${MONTHS[Number(month.slice(5)) - 1]} ${month.slice(0, 4)}`;
}

/** The Moscow month (YYYY-MM) of an instant. */
export function moscowMonth(instant: string | Date): string {
  return moscowDate(new Date(instant)).slice(0, 7);
}

/** «17.04.2023» for an instant, in Moscow. */
export function ddmmyyyy(instant: string | Date): string {
  const [y, m, d] = moscowDate(new Date(instant)).split('-');
  return `${d}.${m}.${y}`;
}
