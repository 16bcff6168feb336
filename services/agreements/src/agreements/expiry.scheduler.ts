import { Inject, Injectable } from '@nestjs/common';
import { addDays, agreementEvents, moscowDate } from '@tochka/contracts';
import { createEvent, MessageBus, pushOutbox, withDocumentLock } from '@tochka/messaging';
import { BUS, Clock, CLOCK, CONFIG, Logger, LOGGER, PeriodicTask } from '@tochka/runtime';
import { AgreementsConfig } from '../config';
import { AGREEMENT_MODEL, AgreementModel } from './agreement.model';
import { AgreementsService, toAgreement } from './agreements.service';

/**
 * Time-driven transitions: `agreement.expiring` once, N days before validTo; `expired` after it.
 * State lives in the documents, so a restart picks up where it left off; each step is a write
 * conditional on the version it read, so with several instances exactly one wins.
 */
@Injectable()
export class ExpiryScheduler extends PeriodicTask {
  constructor(
    @Inject(AGREEMENT_MODEL) private readonly agreements: AgreementModel,
    private readonly service: AgreementsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AgreementsConfig,
    @Inject(LOGGER) logger: Logger,
    @Inject(BUS) private readonly bus: MessageBus,
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
      const marked = await withDocumentLock(this.agreements, _id, async () => {
        // Another instance may have marked it since the query: look again under the lock.
        const doc = await this.agreements.findOne({ _id, status: 'active', expiringNotifiedAt: { $exists: false } }).lean();
        if (!doc) return false;
        const agreement = toAgreement(doc);
        const daysLeft = Math.round((Date.parse(agreement.validTo) - Date.parse(today)) / 86_400_000);
        const next = { ...agreement, version: agreement.version + 1 };
        await this.agreements.updateOne(
          { _id, version: doc.version },
          {
            $set: { expiringNotifiedAt: this.clock.now(), version: next.version },
            $push: pushOutbox(createEvent(agreementEvents.expiring, { agreement: next, daysLeft })),
          },
        );
        return true;
      });
      if (marked) await this.bus.outbox.publishPending(this.agreements, _id);
    }

    const overdue = await this.agreements.find({ status: 'active', validTo: { $lt: today } }, { _id: 1 }).lean();
    for (const { _id } of overdue) {
      try {
        await this.service.transition(_id.toHexString(), (current, now) => {
          if (current.status !== 'active' || current.validTo >= moscowDate(now)) throw new SkipTransition();
          return {
            set: { status: 'expired', expiredAt: now.toISOString() },
            events: (n) => [createEvent(agreementEvents.expired, { agreement: n })],
          };
        });
      } catch (err) {
        if (!(err instanceof SkipTransition)) throw err;
      }
    }
  }

}

/** Another instance got there first. */
class SkipTransition extends Error {}
