import { Inject, Injectable } from '@nestjs/common';
import { addDays, agreementEvents, moscowDate } from '@tochka/contracts';
import { createEvent } from '@tochka/messaging';
import { Clock, CLOCK, CONFIG, Logger, LOGGER, PeriodicTask } from '@tochka/runtime';
import { AgreementsConfig } from '../config';
import { AGREEMENT_MODEL, AgreementModel } from './agreement.model';
import { AGREEMENT_STORE, AgreementStore } from './agreement.store';
import { AgreementsService } from './agreements.service';

/**
 * Time-driven transitions: `agreement.expiring` once, N days before validTo; `expired` after it.
 * State lives in the documents, so a restart picks up where it left off; each step decides again on
 * the current document under its lock (the aggregate store), so with several instances exactly one
 * writes it.
 */
@Injectable()
export class ExpiryScheduler extends PeriodicTask {
  constructor(
    @Inject(AGREEMENT_MODEL) private readonly agreements: AgreementModel,
    @Inject(AGREEMENT_STORE) private readonly store: AgreementStore,
    private readonly service: AgreementsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AgreementsConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('agreement scheduler', config.AGREEMENT_SCHEDULER_INTERVAL_MS, logger);
  }

  async tick(): Promise<void> {
    const today = moscowDate(this.clock.now());
    const horizon = addDays(today, this.config.AGREEMENT_EXPIRING_DAYS);

    const expiring = await this.agreements
      .find({ status: 'active', expiringNotifiedAt: { $exists: false }, validTo: { $gte: today, $lte: horizon } }, { _id: 1 })
      .lean();
    for (const { _id } of expiring) {
      await this.store.update(_id.toHexString(), (agreement, doc) => {
        // Another instance may have marked it since the query.
        if (agreement.status !== 'active' || doc.expiringNotifiedAt) return null;
        const daysLeft = Math.round((Date.parse(agreement.validTo) - Date.parse(today)) / 86_400_000);
        const next = { ...agreement, version: agreement.version + 1 };
        return {
          next,
          events: [createEvent(agreementEvents.expiring, { agreement: next, daysLeft })],
          alsoSet: { expiringNotifiedAt: this.clock.now() },
        };
      });
    }

    const overdue = await this.agreements.find({ status: 'active', validTo: { $lt: today } }, { _id: 1 }).lean();
    for (const { _id } of overdue) {
      await this.service.transition(_id.toHexString(), (current, now) => {
        if (current.status !== 'active' || current.validTo >= moscowDate(now)) return null; // another instance got there first
        return {
          set: { status: 'expired', expiredAt: now.toISOString() },
          events: (n) => [createEvent(agreementEvents.expired, { agreement: n })],
        };
      });
    }
  }
}
