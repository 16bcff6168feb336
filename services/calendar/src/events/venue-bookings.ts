import { Inject, Injectable } from '@nestjs/common';
import { errors, moscowSpan } from '@tochka/contracts';
import { insertUnlessDuplicate, withoutOutbox } from '@tochka/messaging';
import { BOOKED_STATUSES } from './event-rules';
import { EVENT_MODEL, EventDoc, EventModel } from './event.model';
import { objectId } from './event.mapper';
import { VENUE_MODEL, VenueBooking, VenueModel, VenueStateDoc } from './venue.model';
import { overlaps } from './when';

/**
 * A room holds one approved event at a time, also when two coordinators (or two instances)
 * approve overlapping events at once: each booking writes the room's next state, which only one
 * of two concurrent writers can do (see VenueStateDoc); the other reads again and sees the first.
 *
 * The room state and the event document are written one after the other (no transactions).
 * A booking therefore names the event version that will confirm it: until the event reaches that
 * version the booking is "in progress" and counts; once it has, the booking counts only if the
 * event is still approved there at that time. Bookings left behind by later changes, cancellations
 * or a failed write stop counting by themselves and are dropped when the room is next booked.
 */
@Injectable()
export class VenueBookings {
  /** The latest state seen of each room: the next lookups go by `_id`, which every server answers from its index. */
  private readonly lastSeen = new Map<string, number>();

  constructor(
    @Inject(VENUE_MODEL) private readonly venues: VenueModel,
    @Inject(EVENT_MODEL) private readonly events: EventModel,
  ) {}

  async book(venue: { hostId: string; roomKey: string; roomName: string }, booking: VenueBooking): Promise<void> {
    const room = `${venue.hostId}:${venue.roomKey}`;
    for (let attempt = 0; attempt < 20; attempt++) {
      const latest = await this.latest(room);
      const current = latest?.bookings ?? [];
      const candidates = current.filter((b) => overlaps(b, booking) || b.eventId === booking.eventId);
      const owners = await this.ownersOf(candidates.map((b) => b.eventId));
      const stale = (b: VenueBooking) => !counts(b, owners.get(b.eventId), room);
      const conflict = candidates.find((b) => b.eventId !== booking.eventId && overlaps(b, booking) && !stale(b));
      if (conflict) {
        const other = owners.get(conflict.eventId);
        throw errors.conflict(
          'venue_busy',
          `Помещение «${venue.roomName}» занято в это время: «${other?.title ?? 'другое мероприятие'}» (${moscowSpan(conflict.start, conflict.end, { zone: false })})`,
          { eventId: conflict.eventId },
        );
      }
      const kept = current.filter((b) => !(candidates.includes(b) && (stale(b) || (b.eventId === booking.eventId && b.eventVersion === booking.eventVersion))));
      const seq = (latest?.seq ?? 0) + 1;
      if (!(await insertUnlessDuplicate(this.venues.create({ _id: stateId(room, seq), room, seq, bookings: [...kept, booking], writtenAt: new Date() })))) {
        continue; // another booking of this room came first
      }
      this.lastSeen.set(room, seq);
      return;
    }
    throw errors.conflict('concurrent_update', 'Помещение одновременно бронируют другие пользователи. Повторите.');
  }

  /**
   * The room's latest state: from the last one seen, step forward by `_id` until the next is
   * missing (states are written one after another and never removed, so none is skipped).
   * Without a starting point, one query by room.
   */
  private async latest(room: string): Promise<VenueStateDoc | null> {
    const seen = this.lastSeen.get(room);
    let latest: VenueStateDoc | null = seen ? await this.venues.findById(stateId(room, seen)).lean<VenueStateDoc>() : null;
    latest ??= (await this.venues.find({ room }).sort({ seq: -1 }).limit(1).lean<VenueStateDoc[]>())[0] ?? null;
    for (;;) {
      const next: VenueStateDoc | null = await this.venues.findById(stateId(room, (latest?.seq ?? 0) + 1)).lean<VenueStateDoc>();
      if (!next) return latest;
      latest = next;
    }
  }

  private async ownersOf(ids: string[]): Promise<Map<string, Omit<EventDoc, 'outbox'>>> {
    const oids = [...new Set(ids)].map(objectId).filter((id) => id !== undefined);
    const docs = await Promise.all(oids.map((_id) => this.events.findById(_id, withoutOutbox).lean<Omit<EventDoc, 'outbox'>>()));
    return new Map(docs.filter((d) => d !== null).map((d) => [d._id.toHexString(), d]));
  }
}

function counts(b: VenueBooking, event: Omit<EventDoc, 'outbox'> | undefined, room: string): boolean {
  if (!event) return b.eventVersion === 1; // an imported event being written for the first time
  if (event.version < b.eventVersion) return true;
  return (
    BOOKED_STATUSES.includes(event.status) &&
    `${event.host.organizationId}:${event.venue.roomKey}` === room &&
    new Date(event.start).getTime() === new Date(b.start).getTime() &&
    new Date(event.end).getTime() === new Date(b.end).getTime()
  );
}

const stateId = (room: string, seq: number) => `${room}#${seq}`;
