import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { CalendarEvent, EventContract, EventPayload, EventSummary, Organization, Registration, UserSnapshot } from '@tochka/contracts';
import { createEvent, MessageBus, PendingEvent, publishEvent, toEnvelope } from '@tochka/messaging';
import { sampleCalendarEvent, SinkMessage } from '@tochka/testing';

let counter = 0;
const nextId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A joint event as the calendar service publishes it: a robot-launch master class at СОШ № 3 for д/с № 5. */
export const calendarEvent = sampleCalendarEvent;

/** An organisation as the agreements service publishes it. */
export function organization(id: string, shortName: string, head: { name: string; email: string }, kind: Organization['kind'] = 'kindergarten'): Organization {
  return {
    id,
    kind,
    fullName: `${shortName} (полное наименование)`,
    shortName,
    settlement: 'ст. Старощербиновская',
    address: 'ул. Первомайская, 1',
    head,
    rooms: [],
    version: 1,
    createdAt: '2022-09-01T09:00:00.000Z',
    updatedAt: '2022-09-01T09:00:00.000Z',
  };
}

/** An account as the gateway publishes it. */
export function user(id: string, email: string, name: string, role: UserSnapshot['role'], organizationId: string): UserSnapshot {
  return { id, email, name, role, organizationId, active: true, version: 1 };
}

export function summaryOf(e: CalendarEvent): EventSummary {
  return {
    id: e.id,
    title: e.title,
    start: e.start,
    end: e.end,
    hostId: e.host.organizationId,
    hostName: e.host.organizationName,
    venueName: e.venue.roomName,
    address: e.venue.address,
    sequence: e.sequence,
  };
}

export function registration(e: CalendarEvent, overrides: Partial<Registration> = {}): Registration {
  return {
    id: nextId('reg'),
    eventId: e.id,
    organizationId: 'ds-5',
    organizationName: 'МБДОУ ЦРР д/с № 5',
    groupName: 'Старшая группа «Солнышко»',
    children: 12,
    ageBand: '5–6 лет',
    adults: [{ name: 'Иванова М.П.', phone: '+7 900 000-00-05' }],
    contactEmail: 'vospitatel@ds5.test',
    status: 'confirmed',
    createdBy: { userId: '64b000000000000000000005', organizationId: 'ds-5' },
    createdAt: '2023-03-10T09:00:00.000Z',
    updatedAt: '2023-03-10T09:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** Publish an event exactly as its producer would (contract-validated envelope, Nats-Msg-Id = event id). */
export async function publish<C extends EventContract>(bus: MessageBus, contract: C, payload: EventPayload<C>): Promise<PendingEvent> {
  await bus.ensureProducerStream(contract.producer);
  const event = createEvent(contract, payload);
  await publishEvent(bus.js, bus.prefix, event);
  return event;
}

/** The same envelope stored a second time (as a redelivery after a lost ack would hand it over again). */
export async function publishAgain(bus: MessageBus, event: PendingEvent): Promise<void> {
  await bus.js.publish(`${bus.prefix}.evt.${event.type}`, JSON.stringify(toEnvelope(event)), { msgID: randomUUID() });
}

export interface ParsedIcs {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  summary: string;
}

/** The calendar part of a mail, parsed back with ical.js. */
export function icsOf(mail: SinkMessage): ParsedIcs | undefined {
  const part = mail.parsed.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) return undefined;
  const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: String(vevent.getFirstPropertyValue('uid')),
    sequence: Number(vevent.getFirstPropertyValue('sequence') ?? 0),
    status: String(vevent.getFirstPropertyValue('status')),
    summary: String(vevent.getFirstPropertyValue('summary')),
  };
}

/** Wait a little to be sure something does NOT happen (after the thing it would follow has settled). */
export const settle = (ms = 600) => new Promise((r) => setTimeout(r, ms));
