import { CalendarEvent, calendarEventSchema, calendarEvents } from '@tochka/contracts';
import { createEvent, MessageBus, publishEvent } from '@tochka/messaging';
import { sampleCalendarEvent } from './fixtures';

type Contract = (typeof calendarEvents)[keyof typeof calendarEvents];

/**
 * Plays the calendar service on the bus: publishes real, contract-valid `event.*` envelopes to
 * the calendar stream, so a consumer can be tested exactly as the real calendar will feed it.
 * Each call bumps the event's `version` and returns the snapshot sent.
 */
export class CalendarFeed {
  constructor(private readonly bus: MessageBus) {}

  /**
   * A valid approved master class ({@link sampleCalendarEvent}) with 30 seats and no deadline of
   * its own (registrations close at the service's default); override any field.
   */
  static event(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
    const { registrationDeadline: _ownDeadline, ...sample } = sampleCalendarEvent();
    return calendarEventSchema.parse({ ...sample, capacity: { seats: 30 }, ...overrides });
  }

  /**
   * `count` approved 45-minute master classes one hour apart from `from`, «Мастер-класс № 1» …,
   * with `seats` places each, every kindergarten in `partners` invited; all published at once.
   */
  async approvedSeries(count: number, opts: { from: Date; seats: number; partners: string[] }): Promise<CalendarEvent[]> {
    const at = (i: number, minutes = 0) => new Date(opts.from.getTime() + i * 3600_000 + minutes * 60_000).toISOString();
    return Promise.all(
      Array.from({ length: count }, (_, i) =>
        this.approved(
          CalendarFeed.event({
            title: `Мастер-класс № ${i + 1}`,
            start: at(i),
            end: at(i, 45),
            capacity: { seats: opts.seats },
            partners: opts.partners.map((id) => ({ organizationId: id, organizationName: `МБДОУ д/с ${id}` })),
          }),
        ),
      ),
    );
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
