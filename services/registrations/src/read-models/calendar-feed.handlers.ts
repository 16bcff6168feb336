import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CalendarEvent, calendarEvents } from '@tochka/contracts';
import { OnEvent } from '@tochka/messaging';
import { LedgerWriter } from '../ledger/ledger-writer';
import { applySnapshot } from './apply-snapshot';

/**
 * The read model of calendar events: every `event.*` carries the whole event, so each one is
 * applied the same way (the highest calendar version wins; redelivery changes nothing).
 */
@Controller()
export class CalendarFeedHandlers {
  constructor(private readonly writer: LedgerWriter) {}

  @OnEvent(calendarEvents.proposed)
  proposed(@Payload() p: { event: CalendarEvent }) {
    return this.apply(p.event);
  }

  @OnEvent(calendarEvents.approved)
  approved(@Payload() p: { event: CalendarEvent }) {
    return this.apply(p.event);
  }

  @OnEvent(calendarEvents.rejected)
  rejected(@Payload() p: { event: CalendarEvent }) {
    return this.apply(p.event);
  }

  @OnEvent(calendarEvents.updated)
  updated(@Payload() p: { event: CalendarEvent }) {
    return this.apply(p.event);
  }

  @OnEvent(calendarEvents.rescheduled)
  rescheduled(@Payload() p: { event: CalendarEvent }) {
    return this.apply(p.event);
  }

  @OnEvent(calendarEvents.cancelled)
  cancelled(@Payload() p: { event: CalendarEvent }) {
    return this.apply(p.event);
  }

  @OnEvent(calendarEvents.atRisk)
  atRisk(@Payload() p: { event: CalendarEvent }) {
    return this.apply(p.event);
  }

  @OnEvent(calendarEvents.held)
  held(@Payload() p: { event: CalendarEvent }) {
    return this.apply(p.event);
  }

  private apply(event: CalendarEvent): Promise<void> {
    return this.writer.run(event.id, (draft) => applySnapshot(draft, event));
  }
}
