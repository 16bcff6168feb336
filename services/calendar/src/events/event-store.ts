import { Inject, Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { CalendarEvent, calendarEventSchema, errors } from '@tochka/contracts';
import { MessageBus, PendingEvent, pushOutbox, toStored, withDocumentLock } from '@tochka/messaging';
import { BUS, Clock, CLOCK } from '@tochka/runtime';
import { EVENT_CLAIM_MODEL, EventClaimModel } from './event-claim.model';
import { EVENT_MODEL, EventDoc, EventModel } from './event.model';
import { EventInternals, internalsOf, objectId, OPTIONAL_FIELDS, toEvent, toFields } from './event.mapper';

export interface Change {
  /** Fields to change; `undefined` clears an optional field. */
  set: Partial<CalendarEvent>;
  internals?: Partial<EventInternals>;
  events: (next: CalendarEvent) => PendingEvent[];
  /** What must succeed before the write (a room booking, the new capacity): a failure writes nothing. */
  prepare?: (next: CalendarEvent) => Promise<void>;
}

export interface Current {
  event: CalendarEvent;
  internals: EventInternals;
  now: Date;
}

/** A claim older than this whose version was never written: its writer died in between. */
const ABANDONED_CLAIM_MS = 30_000;
const ATTEMPTS = 10;

/**
 * Events are written one document at a time, each change with its bus events in the same update
 * (outbox) and conditional on the version read; a concurrent change makes it read and try again.
 * The next version is claimed first (EventClaimDoc), so of two concurrent changes exactly one is
 * written on FerretDB too. Every change users should see raises the iCal SEQUENCE.
 */
@Injectable()
export class EventStore {
  constructor(
    @Inject(EVENT_MODEL) private readonly events: EventModel,
    @Inject(EVENT_CLAIM_MODEL) private readonly claims: EventClaimModel,
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  async find(id: string): Promise<{ event: CalendarEvent; internals: EventInternals } | null> {
    const _id = objectId(id);
    const doc = _id ? await this.events.findById(_id, { outbox: 0 }).lean<EventDoc>() : null;
    return doc ? { event: toEvent(doc), internals: internalsOf(doc) } : null;
  }

  /** A new event; false when one with this id exists already (an import run twice). */
  async insert(event: CalendarEvent, internals: EventInternals, events: PendingEvent[]): Promise<boolean> {
    try {
      await this.events.create({ _id: new Types.ObjectId(event.id), ...toFields(event, internals), outbox: events.map(toStored) });
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
    await this.bus.outbox.publishPending(this.events, new Types.ObjectId(event.id));
    return true;
  }

  /** Apply a change under a version guard; a change of `null` means nothing to do: the event as it is. */
  async transition(id: string, apply: (current: Current) => Promise<Change | null> | Change | null): Promise<CalendarEvent> {
    const _id = objectId(id);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (attempt) await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
      const found = await this.find(id);
      if (!_id || !found) throw errors.notFound('Мероприятие');
      const { event: current, internals } = found;
      const now = this.clock.now();
      const change = await apply({ event: current, internals, now });
      if (!change) return current;
      const next = calendarEventSchema.parse(
        withoutUndefined({ ...current, ...change.set, updatedAt: now.toISOString(), sequence: current.sequence + 1, version: current.version + 1 }),
      );
      await change.prepare?.(next);
      if (!(await this.claim(id, next.version))) continue;
      const unset = OPTIONAL_FIELDS.filter((k) => next[k] === undefined && current[k] !== undefined);
      // The claim settles writer against writer; the lock keeps the outbox relay's pop from
      // interleaving with this write (on FerretDB either could otherwise erase the other).
      const res = await withDocumentLock(this.events, _id, () =>
        this.events.updateOne(
          { _id, version: current.version },
          {
            $set: toFields(next, { ...internals, ...change.internals }),
            ...(unset.length ? { $unset: Object.fromEntries(unset.map((k) => [k, 1])) } : {}),
            $push: pushOutbox(...change.events(next)),
          },
        ),
      );
      if (res.modifiedCount === 1) {
        await this.bus.outbox.publishPending(this.events, _id);
        return next;
      }
    }
    throw errors.conflict('concurrent_update', 'Мероприятие одновременно изменил другой пользователь. Повторите.');
  }

  /** The right to write `version`; taken over only from a writer that claimed it long ago and never wrote it. */
  private async claim(id: string, version: number): Promise<boolean> {
    const _id = `${id}:${version}`;
    try {
      await this.claims.create({ _id, claimedAt: new Date() });
      return true;
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
    const [claim, found] = await Promise.all([this.claims.findById(_id).lean(), this.find(id)]);
    const abandoned = !!claim && Date.now() - new Date(claim.claimedAt).getTime() > ABANDONED_CLAIM_MS;
    return abandoned && found?.event.version === version - 1;
  }
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
