import type { ProgramEvent } from './queries';
import { timetableOf } from './timetable';

const event = (id: string, org: string, room: string, start: string, end: string, partners: string[] = []): ProgramEvent =>
  ({
    id,
    title: `Мероприятие ${id}`,
    host: { organizationId: org, organizationName: `Школа ${org}` },
    venue: { roomKey: room, roomName: `Зал ${room}`, roomCapacity: 20, address: '' },
    partners: partners.map((p) => ({ organizationId: p, organizationName: `Сад ${p}` })),
    start,
    end,
    status: 'approved',
  }) as unknown as ProgramEvent;

/** The festival timetable: days × venues in Moscow days, clashes and empty days found. */
describe('festival timetable', () => {
  const festival = { startDate: '2023-04-17', endDate: '2023-04-19' };

  it('puts each event in its Moscow day and venue, venues sorted, and names the days without events', () => {
    // 22:30 UTC on the 17th is already the 18th in Moscow.
    const t = timetableOf(festival, [
      event('a', 'sosh-3', 'informatics', '2023-04-17T22:30:00Z', '2023-04-17T23:30:00Z'),
      event('b', 'sosh-2', 'lab', '2023-04-17T07:00:00Z', '2023-04-17T08:00:00Z'),
    ]);
    expect(t.days).toEqual(['2023-04-17', '2023-04-18', '2023-04-19']);
    expect(t.venues.map((v) => v.key)).toEqual(['sosh-2/lab', 'sosh-3/informatics']);
    expect(
      t.cells
        .get('2023-04-18')
        ?.get('sosh-3/informatics')
        ?.map((e) => e.id),
    ).toEqual(['a']);
    expect(
      t.cells
        .get('2023-04-17')
        ?.get('sosh-2/lab')
        ?.map((e) => e.id),
    ).toEqual(['b']);
    expect(t.emptyDays).toEqual(['2023-04-19']);
    expect(t.clashes.size).toBe(0);
  });

  it('marks overlapping events in one room and an organisation expected in two places at once; touching events do not clash', () => {
    const t = timetableOf(festival, [
      event('a', 'sosh-3', 'informatics', '2023-04-17T07:00:00Z', '2023-04-17T08:00:00Z'),
      event('b', 'sosh-3', 'informatics', '2023-04-17T07:30:00Z', '2023-04-17T08:30:00Z'),
      event('c', 'sosh-2', 'lab', '2023-04-18T07:00:00Z', '2023-04-18T08:00:00Z', ['ds-5']),
      event('d', 'sosh-9', 'hall', '2023-04-18T07:30:00Z', '2023-04-18T09:00:00Z', ['ds-5']),
      event('e', 'sosh-9', 'hall', '2023-04-18T09:00:00Z', '2023-04-18T10:00:00Z'),
    ]);
    expect(t.clashes.get('a')).toBe('в то же время в этом помещении: «Мероприятие b»');
    expect(t.clashes.get('c')).toBe('Сад ds-5 в то же время на «Мероприятие d»');
    expect(t.clashes.has('e')).toBe(false);
  });

  it('leaves cancelled events out of the timetable', () => {
    const cancelled = { ...event('x', 'sosh-3', 'informatics', '2023-04-17T07:00:00Z', '2023-04-17T08:00:00Z'), status: 'cancelled' } as ProgramEvent;
    expect(timetableOf(festival, [cancelled]).venues).toEqual([]);
  });
});
