import { EventInfo } from './ledger';

/** A calendar event as a ledger knows it, for the unit tests: a master class two weeks ahead of its tests' clock. */
export function eventInfo(over: Partial<EventInfo> = {}): EventInfo {
  return {
    title: 'Мастер-класс «Робототехника»',
    start: new Date('2023-03-15T07:00:00Z'),
    end: new Date('2023-03-15T08:00:00Z'),
    hostId: 'sosh-1',
    hostName: 'МБОУ СОШ № 1',
    venueName: 'Кабинет робототехники',
    address: 'ст. Старощербиновская, ул. Чкалова, 112',
    sequence: 0,
    status: 'approved',
    partners: [{ organizationId: 'ds-9', organizationName: 'МБДОУ д/с № 9' }],
    capacity: { seats: 20, groups: 3 },
    version: 2,
    ...over,
  };
}
