import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CalendarEvent, calendarEvents, EventEnvelope, EventPayload } from '@tochka/contracts';
import { OnEvent } from '@tochka/messaging';
import { MailQueue, PlannedMail } from '../delivery/mail-queue';
import { Directory, NotYetKnown } from '../read-models/directory.service';
import { Recipient } from '../read-models/recipient';

type P<K extends keyof typeof calendarEvents> = EventPayload<(typeof calendarEvents)[K]>;

/**
 * Joint-event mails. Organisations and accounts arrive on other streams than the calendar's: what
 * is known is queued at once, and a missing piece makes the event come back later (the mails
 * already queued are not queued again).
 */
@Controller()
export class EventMailsHandlers {
  constructor(
    private readonly directory: Directory,
    private readonly queue: MailQueue,
  ) {}

  @OnEvent(calendarEvents.proposed)
  async proposed(@Payload() { event, imported }: P<'proposed'>, @Ctx() envelope: EventEnvelope) {
    await this.directory.recordEvent(event);
    // A plan loaded by a coordinator (import, rollover) lands in their approval list, not their mailbox.
    if (imported) return;
    const coordinators = await this.directory.coordinators();
    await this.queue.enqueue(
      envelope,
      coordinators.map((to) => ({ to, template: 'event_proposed' as const, input: { event } })),
    );
  }

  @OnEvent(calendarEvents.approved)
  async approved(@Payload() { event, imported }: P<'approved'>, @Ctx() envelope: EventEnvelope) {
    await this.directory.recordEvent(event);
    // The plan-schedule approved on paper, loaded by the coordinator: its events appear in the
    // feeds and get their reminders, but their approval is not announced again.
    if (imported) return;
    const proposer = await this.proposer(event);
    const { found, missing } = await this.directory.heads(event.partners.map((p) => p.organizationId));
    const invitations: PlannedMail[] = event.partners
      .filter((p) => found.has(p.organizationId))
      .map((p) => ({
        to: found.get(p.organizationId)!,
        template: 'event_invitation',
        input: { event, partnerName: p.organizationName },
        calendar: { method: 'REQUEST', event },
      }));
    await this.queue.enqueue(envelope, [...(proposer ? [{ to: proposer, template: 'event_approved' as const, input: { event } }] : []), ...invitations]);
    this.requireAll(missing, proposer ? [] : [`user ${event.proposedBy.userId}`]);
  }

  @OnEvent(calendarEvents.rejected)
  async rejected(@Payload() { event }: P<'rejected'>, @Ctx() envelope: EventEnvelope) {
    await this.directory.recordEvent(event);
    const proposer = await this.proposer(event);
    if (!proposer) throw new NotYetKnown(`user ${event.proposedBy.userId}`);
    await this.queue.enqueue(envelope, [{ to: proposer, template: 'event_rejected', input: { event } }]);
  }

  @OnEvent(calendarEvents.rescheduled)
  async rescheduled(@Payload() { event, previous }: P<'rescheduled'>, @Ctx() envelope: EventEnvelope) {
    await this.directory.recordEvent(event);
    const { recipients, missing } = await this.concerned(event);
    await this.queue.enqueue(
      envelope,
      recipients.map((to) => ({ to, template: 'event_rescheduled' as const, input: { event, previous }, calendar: { method: 'REQUEST' as const, event } })),
    );
    this.requireAll(missing);
  }

  @OnEvent(calendarEvents.updated)
  async updated(@Payload() { event, changed }: P<'updated'>, @Ctx() envelope: EventEnvelope) {
    await this.directory.recordEvent(event);
    const { recipients, missing } = await this.concerned(event);
    await this.queue.enqueue(
      envelope,
      recipients.map((to) => ({ to, template: 'event_updated' as const, input: { event, changed }, calendar: { method: 'REQUEST' as const, event } })),
    );
    this.requireAll(missing);
  }

  @OnEvent(calendarEvents.cancelled)
  async cancelled(@Payload() { event }: P<'cancelled'>, @Ctx() envelope: EventEnvelope) {
    await this.directory.recordEvent(event);
    const { recipients, missing } = await this.concerned(event);
    await this.queue.enqueue(
      envelope,
      recipients.map((to) => ({ to, template: 'event_cancelled' as const, input: { event }, calendar: { method: 'CANCEL' as const, event } })),
    );
    this.requireAll(missing);
  }

  /**
   * Who hears of the proposal's outcome: the account that proposed it; when that account has been
   * deactivated since, the host organisation's head instead. Undefined while either is not known yet.
   */
  private async proposer(event: CalendarEvent): Promise<Recipient | undefined> {
    const user = await this.directory.user(event.proposedBy.userId);
    if (!user) return undefined;
    if (user.active) return { email: user.email, name: user.name };
    return (await this.directory.heads([event.host.organizationId])).found.get(event.host.organizationId);
  }

  /**
   * Host, partners and the contact of every group registered for the event. Groups cancelled
   * with the event (their registration changed at or after its cancellation, whichever stream
   * was read first) still hear about it.
   */
  private async concerned(event: CalendarEvent): Promise<{ recipients: Recipient[]; missing: string[] }> {
    const { found, missing } = await this.directory.heads([event.host.organizationId, ...event.partners.map((p) => p.organizationId)]);
    const registrations = (await this.directory.registrationsOf(event.id)).filter(
      (r) => r.status !== 'cancelled' || (!!event.cancelledAt && Date.parse(r.updatedAt) >= Date.parse(event.cancelledAt)),
    );
    return { recipients: [...found.values(), ...registrations.map((r) => ({ email: r.contactEmail }))], missing };
  }

  private requireAll(organizations: string[], others: string[] = []): void {
    const missing = [...organizations.map((id) => `organisation ${id}`), ...others];
    if (missing.length) throw new NotYetKnown(missing.join(', '));
  }
}
