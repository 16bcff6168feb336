import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CalendarEvent, EventEnvelope, EventPayload, EventSummary, registrationEvents } from '@tochka/contracts';
import { OnEvent } from '@tochka/messaging';
import { MailQueue } from '../delivery/mail-queue';
import { Directory, NotYetKnown } from '../read-models/directory.service';

type P<K extends keyof typeof registrationEvents> = EventPayload<(typeof registrationEvents)[K]>;

/** Mails to the contact of a group registration; a confirmed place comes with the calendar invitation. */
@Controller()
export class RegistrationMailsHandlers {
  constructor(
    private readonly directory: Directory,
    private readonly queue: MailQueue,
  ) {}

  @OnEvent(registrationEvents.confirmed)
  async confirmed(@Payload() { registration, event }: P<'confirmed'>, @Ctx() envelope: EventEnvelope) {
    await this.directory.recordRegistration(registration);
    const full = await this.calendarEntry(event);
    await this.queue.enqueue(envelope, [
      {
        to: { email: registration.contactEmail },
        template: 'registration_confirmed',
        input: { registration, event },
        calendar: { method: 'REQUEST', event: full },
      },
    ]);
  }

  @OnEvent(registrationEvents.promoted)
  async promoted(@Payload() { registration, event }: P<'promoted'>, @Ctx() envelope: EventEnvelope) {
    await this.directory.recordRegistration(registration);
    const full = await this.calendarEntry(event);
    await this.queue.enqueue(envelope, [
      {
        to: { email: registration.contactEmail },
        template: 'registration_promoted',
        input: { registration, event },
        calendar: { method: 'REQUEST', event: full },
      },
    ]);
  }

  @OnEvent(registrationEvents.waitlisted)
  async waitlisted(@Payload() { registration, event }: P<'waitlisted'>, @Ctx() envelope: EventEnvelope) {
    await this.directory.recordRegistration(registration);
    await this.queue.enqueue(envelope, [{ to: { email: registration.contactEmail }, template: 'registration_waitlisted', input: { registration, event } }]);
  }

  @OnEvent(registrationEvents.changed)
  async changed(@Payload() { registration, event, changed }: P<'changed'>, @Ctx() envelope: EventEnvelope) {
    await this.directory.recordRegistration(registration);
    await this.queue.enqueue(envelope, [
      { to: { email: registration.contactEmail }, template: 'registration_changed', input: { registration, event, changed } },
    ]);
  }

  @OnEvent(registrationEvents.cancelled)
  async cancelled(@Payload() { registration, event }: P<'cancelled'>, @Ctx() envelope: EventEnvelope) {
    await this.directory.recordRegistration(registration);
    await this.queue.enqueue(envelope, [{ to: { email: registration.contactEmail }, template: 'registration_cancelled', input: { registration, event } }]);
  }

  /**
   * The whole event for the .ics, from the calendar read model. It comes on the calendar's
   * stream: until it has caught up with the summary's SEQUENCE, wait for it (redelivery) rather
   * than attach an invitation older than the mail.
   */
  private async calendarEntry(summary: EventSummary): Promise<CalendarEvent> {
    const event = await this.directory.event(summary.id);
    if (!event || event.sequence < summary.sequence) throw new NotYetKnown(`calendar event ${summary.id} (sequence ${summary.sequence})`);
    return event;
  }
}
