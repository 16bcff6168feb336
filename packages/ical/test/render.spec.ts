import ICAL from 'ical.js';
import { CalendarEvent } from '@tochka/contracts';
import { icalUid, renderCalendar } from '../src';

const base: CalendarEvent = {
  id: 'evt-1',
  title: 'Турнир по шахматам и шашкам «Белая ладья»',
  description: 'Командный турнир центров «Точка роста».',
  kind: 'tournament',
  direction: 'chess',
  host: { organizationId: 'sosh-5', organizationName: 'СОШ № 5' },
  venue: { roomKey: 'chess', roomName: 'Шахматная зона', roomCapacity: 30, address: 'ст. Старощербиновская, ул. Советов, 64' },
  start: '2022-11-16T07:00:00.000Z',
  end: '2022-11-16T10:30:00.000Z',
  audience: ['pupils'],
  grades: '5–9 классы',
  partners: [{ organizationId: 'sosh-9', organizationName: 'СОШ № 9' }],
  agreementId: 'agr-1',
  contact: { name: 'Тымченко О.Ю.', email: 'tymchenko@sosh5.test', phone: '+7 900 000-00-00' },
  status: 'approved',
  proposedBy: { userId: 'u1', organizationId: 'sosh-5' },
  createdAt: '2022-10-10T10:00:00.000Z',
  updatedAt: '2022-10-11T10:00:00.000Z',
  sequence: 0,
  version: 2,
};

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const vevents = calendar.getAllSubcomponents('vevent');
  return { calendar, vevents, events: vevents.map((v) => new ICAL.Event(v)) };
}

describe('renderCalendar', () => {
  const now = new Date('2022-10-12T08:00:00.000Z');

  it('writes a feed calendar with its name, Moscow time zone, refresh interval and method', () => {
    const { calendar } = parse(renderCalendar([base], { publicUrl: 'https://tochka.test', name: 'План района', refreshMinutes: 30, now }));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('План района');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Moscow');
    expect(String(calendar.getFirstPropertyValue('refresh-interval'))).toBe('PT30M');
    expect(calendar.getFirstPropertyValue('x-published-ttl')).toBe('PT30M');
    const tz = calendar.getFirstSubcomponent('vtimezone')!;
    expect(tz.getFirstPropertyValue('tzid')).toBe('Europe/Moscow');
  });

  it('gives each event a stable UID, its SEQUENCE, stamps and Moscow wall-clock times', () => {
    const ics = renderCalendar([base], { publicUrl: 'https://tochka.test/', now });
    const { vevents, events } = parse(ics);
    const [event] = events;
    expect(event.uid).toBe('evt-1@tochka-rosta');
    expect(icalUid('evt-1')).toBe(event.uid);
    expect(event.sequence).toBe(0);
    expect(event.startDate.zone?.tzid).toBe('Europe/Moscow');
    expect(event.startDate.toString()).toBe('2022-11-16T10:00:00');
    expect(event.endDate.toString()).toBe('2022-11-16T13:30:00');
    expect(event.startDate.toJSDate().toISOString()).toBe(base.start);
    expect(event.endDate.toJSDate().toISOString()).toBe(base.end);
    const vevent = vevents[0];
    expect(vevent.getFirstPropertyValue('dtstamp')!.toString()).toBe('2022-10-12T08:00:00Z');
    expect(vevent.getFirstPropertyValue('last-modified')!.toString()).toBe('2022-10-11T10:00:00Z');
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(vevent.getFirstPropertyValue('url')).toBe('https://tochka.test/events/evt-1');
    expect(event.location).toBe('СОШ № 5, Шахматная зона, ст. Старощербиновская, ул. Советов, 64');
    expect(vevent.getFirstProperty('categories')!.getValues()).toEqual(['Турнир', 'Шахматы и шашки']);
    const organizer = vevent.getFirstProperty('organizer')!;
    expect(organizer.getFirstValue()).toBe('mailto:tymchenko@sosh5.test');
    expect(organizer.getParameter('cn')).toBe('Тымченко О.Ю. (СОШ № 5)');
  });

  it('describes the event in Russian: text, kind, direction, audience, partners and contact', () => {
    const [event] = parse(renderCalendar([base], { publicUrl: 'https://tochka.test', now })).events;
    expect(event.summary).toBe(base.title);
    expect(event.description).toContain('Командный турнир центров «Точка роста».');
    expect(event.description).toContain('Формат: Турнир');
    expect(event.description).toContain('Направление: Шахматы и шашки');
    expect(event.description).toContain('Участники: Обучающиеся (5–9 классы)');
    expect(event.description).toContain('Партнёры: СОШ № 9');
    expect(event.description).toContain('Контактное лицо: Тымченко О.Ю., +7 900 000-00-00, tymchenko@sosh5.test');
  });

  it('keeps a cancelled event with STATUS:CANCELLED, a higher SEQUENCE and «ОТМЕНЕНО» in the summary', () => {
    const cancelled: CalendarEvent = { ...base, status: 'cancelled', cancellationReason: 'Карантин', sequence: 3 };
    const { vevents, events } = parse(renderCalendar([cancelled], { publicUrl: 'https://tochka.test', now }));
    expect(events[0].uid).toBe('evt-1@tochka-rosta');
    expect(events[0].sequence).toBe(3);
    expect(vevents[0].getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(events[0].summary).toBe(`ОТМЕНЕНО: ${base.title}`);
    expect(events[0].description).toContain('Мероприятие отменено: Карантин');
  });

  it('marks an event whose agreement ended as tentative and says why', () => {
    const atRisk: CalendarEvent = { ...base, status: 'at_risk', atRiskReason: 'Соглашение № 1 расторгнуто' };
    const { vevents, events } = parse(renderCalendar([atRisk], { publicUrl: 'https://tochka.test', now }));
    expect(vevents[0].getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(events[0].description).toContain('Внимание: Соглашение № 1 расторгнуто');
  });

  it('writes invitations with METHOD:REQUEST and cancellations with METHOD:CANCEL', () => {
    const request = parse(renderCalendar([base], { publicUrl: 'https://tochka.test', method: 'REQUEST', now }));
    expect(request.calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(request.vevents[0].getFirstPropertyValue('status')).toBe('CONFIRMED');
    const cancel = parse(renderCalendar([{ ...base, sequence: 1 }], { publicUrl: 'https://tochka.test', method: 'CANCEL', now }));
    expect(cancel.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancel.vevents[0].getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancel.events[0].uid).toBe('evt-1@tochka-rosta');
    expect(cancel.events[0].sequence).toBe(1);
  });

  it('omits ORGANIZER when there is no mail address and renders an empty calendar', () => {
    const noMail: CalendarEvent = { ...base, contact: { name: 'Кутовая Е.И.' } };
    const { vevents } = parse(renderCalendar([noMail], { publicUrl: 'https://tochka.test', now }));
    expect(vevents[0].getFirstProperty('organizer')).toBeNull();
    expect(parse(renderCalendar([], { publicUrl: 'https://tochka.test', now })).vevents).toHaveLength(0);
  });
});
