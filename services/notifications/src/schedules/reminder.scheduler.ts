import { Inject, Injectable } from '@nestjs/common';
import { CalendarEvent } from '@tochka/contracts';
import { Clock, CLOCK, CONFIG, Logger, LOGGER, PeriodicTask } from '@tochka/runtime';
import { NotificationsConfig } from '../config';
import { MailQueue, PlannedMail } from '../delivery/mail-queue';
import { Directory } from '../read-models/directory.service';

/**
 * Reminders REMINDER_LEAD_HOURS before an event, to the host's head and each confirmed group's
 * contact. The mail's source is `reminder:<event>:<start>`: the unique index makes it once per
 * person however many ticks, instances or restarts see it; a rescheduled event has a new start,
 * so a new reminder. A group confirmed inside the window gets its reminder on the next tick.
 */
@Injectable()
export class ReminderScheduler extends PeriodicTask {
  constructor(
    private readonly directory: Directory,
    private readonly queue: MailQueue,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('reminder scheduler', config.SCHEDULER_INTERVAL_MS, logger);
  }

  async tick(): Promise<void> {
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + this.config.REMINDER_LEAD_HOURS * 3600_000);
    for (const event of await this.directory.eventsStartingWithin(now, horizon, ['approved', 'at_risk'])) {
      await this.remind(event);
    }
  }

  private async remind(event: CalendarEvent): Promise<void> {
    const confirmed = (await this.directory.registrationsOf(event.id)).filter((r) => r.status === 'confirmed');
    const { found } = await this.directory.heads([event.host.organizationId]);
    const host = found.get(event.host.organizationId);
    const mails: PlannedMail[] = [
      ...(host ? [{ to: host, template: 'event_reminder' as const, input: { event, confirmed, to: 'host' as const } }] : []),
      ...confirmed.map((registration) => ({
        to: { email: registration.contactEmail },
        template: 'event_reminder' as const,
        input: { event, confirmed, to: 'group' as const, registration },
      })),
    ];
    await this.queue.enqueue({ id: `reminder:${event.id}:${new Date(event.start).toISOString()}`, type: 'event.reminder' }, mails);
  }
}
