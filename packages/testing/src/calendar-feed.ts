import { randomBytes } from 'node:crypto';
import { CalendarEvent, calendarEventSchema, calendarEvents } from '@tochka/contracts';
import { createEvent, MessageBus, publishEvent } from '@tochka/messaging';

type Contract = (typeof calendarEvents)[keyof typeof calendarEvents];

/**
 * Plays the calendar service on the bus: publishes real, contract-valid `event.*` envelopes to
 * the calendar stream, so a consumer can be tested exactly as the real calendar will feed it.
 * Each call bumps the event's `version` and returns the snapshot sent.
 */
export class CalendarFeed {
  constructor(private readonly bus: MessageBus) {}

  /** A valid approved master class; override any field. */
  static event(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
    return calendarEventSchema.parse({
      id: randomBytes(12).toString('hex'),
      title: 'Мастер-класс «Запуск робота»',
      description: 'Дошкольники собирают и запускают робота из конструктора',
      kind: 'master_class',
      direction: 'robotics',
      host: { organizationId: 'sosh-3', organizationName: 'МБОУ СОШ № 3' },
      venue: { roomKey: 'room-1', roomName: 'Кабинет информатики', roomCapacity: 30, address: 'ст. Старощербиновская, ул. Первомайская, 1' },
      start: '2023-04-20T07:00:00.000Z',
      end: '2023-04-20T08:30:00.000Z',
      audience: ['preschoolers'],
      partners: [{ organizationId: 'ds-5', organizationName: 'МБДОУ ЦРР д/с № 5' }],
      capacity: { seats: 30 },
      contact: { name: 'Кутовая Е.И.', email: 'head@sosh3.test' },
      status: 'approved',
      proposedBy: { userId: 'head-3', organizationId: 'sosh-3' },
      createdAt: '2023-03-01T09:00:00.000Z',
      updatedAt: '2023-03-01T09:00:00.000Z',
      sequence: 0,
      version: 2,
      ...overrides,
    });
  }

  async approved(event: CalendarEvent): Promise<CalendarEvent> {
    return this.publish(calendarEvents.approved, { ...event, status: 'approved' });
  }

  async updated(event: CalendarEvent, changes: Partial<CalendarEvent>): Promise<CalendarEvent> {
    return this.publish(calendarEvents.updated, { ...event, ...changes }, { changed: Object.keys(changes) });
  }

  async rescheduled(event: CalendarEvent, start: string, end: string): Promise<CalendarEvent> {
    return this.publish(
      calendarEvents.rescheduled,
      { ...event, start, end, sequence: event.sequence + 1 },
      { previous: { start: event.start, end: event.end } },
    );
  }

  async cancelled(event: CalendarEvent, reason: string): Promise<CalendarEvent> {
    return this.publish(calendarEvents.cancelled, { ...event, status: 'cancelled', cancellationReason: reason, cancelledAt: event.updatedAt });
  }

  async atRisk(event: CalendarEvent, reason: string): Promise<CalendarEvent> {
    return this.publish(calendarEvents.atRisk, { ...event, status: 'at_risk', atRiskReason: reason });
  }

  /** Publish a snapshot as it stands (a redelivery or an out-of-order copy, when `version` is old). */
  async send(contract: Contract, event: CalendarEvent, extra: Record<string, unknown> = {}): Promise<void> {
    await this.bus.ensureProducerStream('calendar');
    await publishEvent(this.bus.js, this.bus.prefix, createEvent(contract, { event, ...extra } as never));
  }

  private async publish(contract: Contract, event: CalendarEvent, extra: Record<string, unknown> = {}): Promise<CalendarEvent> {
    const next = calendarEventSchema.parse({ ...event, version: event.version + 1 });
    await this.send(contract, next, extra);
    return next;
  }
}
