import { Inject, Injectable } from '@nestjs/common';
import { agreementValidOn, calendarEvents, moscowDate } from '@tochka/contracts';
import { createEvent } from '@tochka/messaging';
import { Clock, CLOCK } from '@tochka/runtime';
import { KnownAgreement } from '../read-models/agreement.model';
import { atRiskReason } from './event-rules';
import { EVENT_MODEL, EventModel } from './event.model';
import { EventStore } from './event-store';

/**
 * When an agreement is terminated or expires, its approved events that have not ended and that it
 * no longer covers become `at_risk` (`event.at_risk`), listed for the coordinator to decide: name
 * another agreement, move or cancel. Nothing is deleted. Safe to run again (redelivery).
 */
@Injectable()
export class AtRiskService {
  constructor(
    @Inject(EVENT_MODEL) private readonly events: EventModel,
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async agreementEnded(agreement: KnownAgreement): Promise<void> {
    const affected = await this.events.find({ agreementId: agreement._id, status: 'approved', end: { $gt: this.clock.now() } }, { _id: 1 }).lean();
    for (const { _id } of affected) {
      await this.store.transition(_id.toHexString(), ({ event, now }) => {
        const covered = agreementValidOn(agreement, moscowDate(new Date(event.start))) && agreementValidOn(agreement, moscowDate(new Date(event.end)));
        if (event.status !== 'approved' || event.agreementId !== agreement._id || Date.parse(event.end) <= now.getTime() || covered) return null;
        return {
          set: { status: 'at_risk', atRiskReason: atRiskReason(agreement) },
          events: (next) => [createEvent(calendarEvents.atRisk, { event: next })],
        };
      });
    }
  }
}
