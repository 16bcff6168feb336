import { Inject, Injectable } from '@nestjs/common';
import { addDays, DISTRICT_TIME_ZONE, moscowDate } from '@tochka/contracts';
import { Clock, CLOCK, CONFIG, Logger, LOGGER, PeriodicTask } from '@tochka/runtime';
import { NotificationsConfig } from '../config';
import { MailQueue } from '../delivery/mail-queue';
import { Directory } from '../read-models/directory.service';

const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: DISTRICT_TIME_ZONE, hour: '2-digit', hourCycle: 'h23' });

/**
 * The coordinators' daily digest, from DIGEST_HOUR (Moscow): events awaiting approval, agreements
 * ending soon, events at risk. Source `digest:<date>` makes it once a day per coordinator; a day
 * with nothing to report sends nothing.
 */
@Injectable()
export class DigestScheduler extends PeriodicTask {
  constructor(
    private readonly directory: Directory,
    private readonly queue: MailQueue,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('digest scheduler', config.SCHEDULER_INTERVAL_MS, logger);
  }

  async tick(): Promise<void> {
    const now = this.clock.now();
    if (Number(hourFormat.format(now)) < this.config.DIGEST_HOUR) return;
    const date = moscowDate(now);
    const upcoming = (e: { start: string }) => Date.parse(e.start) > now.getTime();
    const [awaiting, atRisk, expiring] = await Promise.all([
      this.directory.eventsWithStatus(['proposed']).then((l) => l.filter(upcoming)),
      this.directory.eventsWithStatus(['at_risk']).then((l) => l.filter(upcoming)),
      this.directory.agreementsEndingBetween(date, addDays(date, this.config.DIGEST_EXPIRING_DAYS)),
    ]);
    if (!awaiting.length && !atRisk.length && !expiring.length) return;
    const coordinators = await this.directory.coordinators();
    await this.queue.enqueue(
      { id: `digest:${date}`, type: 'coordinator.digest' },
      coordinators.map((to) => ({ to, template: 'coordinator_digest' as const, input: { date, awaiting, atRisk, expiring } })),
    );
  }
}
