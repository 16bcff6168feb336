import { Inject, Injectable } from '@nestjs/common';
import { CalendarEvent, moscowSpan } from '@tochka/contracts';
import { BOOKED_STATUSES } from './event-rules';
import { EVENT_MODEL, EventModel } from './event.model';
import { objectId } from './event.mapper';

/** A partner already taking part in another approved event at that time: a warning, not an error. */
@Injectable()
export class BusyPartners {
  constructor(@Inject(EVENT_MODEL) private readonly events: EventModel) {}

  async warnings(event: Pick<CalendarEvent, 'id' | 'partners' | 'start' | 'end'>): Promise<string[]> {
    if (!event.partners.length) return [];
    const ids = event.partners.map((p) => p.organizationId);
    const self = objectId(event.id);
    const busy = await this.events
      .find(
        {
          ...(self ? { _id: { $ne: self } } : {}),
          status: { $in: BOOKED_STATUSES },
          start: { $lt: new Date(event.end) },
          end: { $gt: new Date(event.start) },
          $or: [{ 'host.organizationId': { $in: ids } }, { 'partners.organizationId': { $in: ids } }],
        },
        { title: 1, start: 1, end: 1, host: 1, partners: 1 },
      )
      .sort({ start: 1 })
      .limit(100)
      .lean();
    const warnings: string[] = [];
    for (const partner of event.partners) {
      const other = busy.find((b) => b.host.organizationId === partner.organizationId || b.partners.some((p) => p.organizationId === partner.organizationId));
      if (other) {
        warnings.push(
          `Организация «${partner.organizationName}» в это время участвует в мероприятии «${other.title}» (${moscowSpan(other.start, other.end, { zone: false })})`,
        );
      }
    }
    return warnings;
  }
}
