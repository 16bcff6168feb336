import type { ICalLuxonDateTimeStub } from 'ical-generator';
import { DISTRICT_TIME_ZONE } from '@tochka/contracts';

/**
 * Moscow has kept UTC+3 all year since 2014, so one fixed offset and one static VTIMEZONE
 * describe every event of the system exactly (no tz database needed).
 */
const OFFSET_MS = 3 * 60 * 60 * 1000;

export const MOSCOW_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${DISTRICT_TIME_ZONE}`,
  `X-LIC-LOCATION:${DISTRICT_TIME_ZONE}`,
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0300',
  'TZOFFSETTO:+0300',
  'TZNAME:MSK',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/**
 * ical-generator formats a native Date with the process's local time zone when an event has a
 * TZID, so wall-clock times would depend on the server's TZ. It also accepts Luxon-like objects:
 * this minimal one always yields Moscow wall-clock time, whatever the machine's zone.
 */
export class MoscowDateTime implements ICalLuxonDateTimeStub {
  readonly zone = { type: 'fixed' };
  readonly isValid = true;

  constructor(private readonly instant: Date) {}

  setZone(): ICalLuxonDateTimeStub {
    return this;
  }

  toJSDate(): Date {
    return this.instant;
  }

  toJSON(): string {
    return this.instant.toISOString();
  }

  /** Only the two patterns ical-generator uses for DTSTART/DTEND. */
  toFormat(fmt: string): string {
    const wall = new Date(this.instant.getTime() + OFFSET_MS).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ
    if (fmt === 'yyyyLLdd') return wall.slice(0, 10).replaceAll('-', '');
    if (fmt === 'HHmmss') return wall.slice(11, 19).replaceAll(':', '');
    throw new Error(`Unsupported date format ${fmt}`);
  }
}
