import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { children, formatDate, formatSpan, freePlacesText, registrationOutcome, registrationState, throttledMessage, waitText } from './format';

/** The web app's one formatting module: Moscow time whatever the machine's zone, Russian plurals. */
describe('formatting for the pages', () => {
  it('writes an event time in Moscow time with the weekday, as the issue shows it', () => {
    expect(formatSpan('2023-04-17T07:00:00Z', '2023-04-17T08:00:00Z')).toBe('17 апреля 2023 г., пн, 10:00–11:00');
    // 22:30 UTC is already the next day in Moscow.
    expect(formatDate('2023-04-17T22:30:00Z')).toBe('18 апреля 2023 г.');
    expect(formatSpan('2023-04-27T18:00:00Z', '2023-04-28T09:00:00Z')).toBe('27 апреля 2023 г., чт, 21:00 — 28 апреля 2023 г., пт, 12:00');
  });

  it('does not depend on the time zone of the process', () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      expect(formatSpan('2023-04-17T07:00:00Z', '2023-04-17T08:00:00Z')).toBe('17 апреля 2023 г., пн, 10:00–11:00');
    } finally {
      process.env.TZ = before;
    }
  });

  it('says numbers of children with Russian plurals', () => {
    expect([1, 2, 3, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111].map(children)).toEqual([
      '1 ребёнок',
      '2 ребёнка',
      '3 ребёнка',
      '4 ребёнка',
      '5 детей',
      '11 детей',
      '12 детей',
      '14 детей',
      '21 ребёнок',
      '22 ребёнка',
      '25 детей',
      '101 ребёнок',
      '111 детей',
    ]);
  });

  it('tells what a registration answer means', () => {
    expect(registrationOutcome({ status: 'confirmed', children: 3, groupName: 'Солнышко' })).toBe(
      'Группа «Солнышко» (3 ребёнка) записана. Запись подтверждена.',
    );
    expect(registrationOutcome({ status: 'waitlisted', waitlistPosition: 2, children: 12, groupName: 'Радуга' })).toMatch(
      /^Группа «Радуга» \(12 детей\) в листе ожидания: мест сейчас нет, номер в очереди — 2\./,
    );
    expect(registrationState({ status: 'waitlisted', waitlistPosition: 1 })).toBe('В листе ожидания, место в очереди: 1');
    expect(registrationState({ status: 'cancelled' })).toBe('Отменена');
  });

  it('writes free places and a full event', () => {
    expect(freePlacesText({ freeSeats: 8, freeGroups: 1 })).toBe('Свободно: 8 мест, 1 группа');
    expect(freePlacesText({ freeSeats: 2 })).toBe('Свободно: 2 места');
    expect(freePlacesText({ freeSeats: 0, freeGroups: 1 })).toBe('Свободных мест нет: новые группы встают в лист ожидания');
  });

  it('says when a throttled login may try again, in words and in Moscow time', () => {
    expect(waitText(1)).toBe('1 секунду');
    expect(waitText(30)).toBe('30 секунд');
    expect(waitText(90)).toBe('2 минуты');
    expect(waitText(900)).toBe('15 минут');
    expect(throttledMessage(90, new Date('2023-04-17T07:00:00Z'))).toBe(
      'Слишком много неудачных попыток входа. Попробуйте снова через 2 минуты — после 10:01 по московскому времени.',
    );
  });

  it('takes labels, time and plurals from the contracts without zod or Node (the browser bundle)', () => {
    const dir = join(__dirname, '..', '..', '..', '..', 'packages', 'contracts', 'src');
    const entry = readFileSync(join(dir, 'browser.ts'), 'utf8');
    const files = [...entry.matchAll(/from '\.\/(\w+)'/g)].map((m) => m[1]);
    expect(files).toEqual(['labels', 'time', 'plural']);
    for (const f of files) {
      const imports = [...readFileSync(join(dir, `${f}.ts`), 'utf8').matchAll(/^import .* from '([^']+)'/gm)].map((m) => m[1]);
      expect({ file: f, imports }).toEqual({ file: f, imports: [] });
    }
  });
});
