import { Inject, Injectable } from '@nestjs/common';
import { CalendarEvent, calendarEventSchema, errors } from '@tochka/contracts';
import { AggregateStore, CreatedWith, MessageBus, PendingEvent } from '@tochka/messaging';
import { BUS, Clock, CLOCK } from '@tochka/runtime';
import { EVENT_MODEL, EventDoc, EventModel } from './event.model';
import { EventInternals, internalsOf, objectId, toEvent, toFields } from './event.mapper';

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

interface Stored {
  event: CalendarEvent;
  internals: EventInternals;
}

/**
 * Events are written one document at a time through the shared aggregate store: each change with
 * its bus events in the same update (outbox), decided on the current event under its lock. Every
 * change users should see raises the iCal SEQUENCE.
 */
@Injectable()
export class EventStore {
  private readonly store: AggregateStore<EventDoc, Stored>;

  constructor(
    @Inject(EVENT_MODEL) events: EventModel,
    @Inject(BUS) bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.store = new AggregateStore<EventDoc, Stored>({
      model: events,
      relay: bus.outbox,
      key: objectId,
      idOf: ({ event }) => event.id,
      fromDoc: (doc) => ({ event: toEvent(doc), internals: internalsOf(doc) }),
      toDoc: ({ event, internals }) => toFields(event, internals),
      version: ({ event }) => event.version,
      notFound: () => errors.notFound('Мероприятие не найдено'),
      conflict: () => errors.conflict('concurrent_update', 'Мероприятие одновременно изменил другой пользователь. Повторите.'),
    });
  }

  now(): Date {
    return this.clock.now();
  }

  find(id: string): Promise<Stored | null> {
    return this.store.find(id);
  }

  /** A new event; false when one with this id exists already (an import run twice). */
  insert(event: CalendarEvent, internals: EventInternals, events: PendingEvent[]): Promise<boolean> {
    return this.store.insert({ event, internals }, events);
  }

  /** A new event under an Idempotency-Key (its id derived from the key): what the first request made, when this is a repeat. */
  async insertOnce(event: CalendarEvent, internals: EventInternals, events: PendingEvent[], createdWith: CreatedWith): Promise<Stored & { replayed: boolean }> {
    const created = await this.store.insertOnce({ event, internals }, events, createdWith);
    // The id is derived from the key and events have no other unique key: a collision is a repeat or a 422.
    if (!created) throw errors.conflict('idempotency_key_reused', 'Ключ Idempotency-Key уже использован. Для нового запроса нужен новый ключ.');
    return { ...created.state, replayed: created.replayed };
  }

  /** Apply a change to the current event; a change of `null` means nothing to do: the event as it is. */
  async transition(id: string, apply: (current: Current) => Promise<Change | null> | Change | null): Promise<CalendarEvent> {
    const { event } = await this.store.update(id, async ({ event: current, internals }) => {
      const now = this.clock.now();
      const change = await apply({ event: current, internals, now });
      if (!change) return null;
      const next = calendarEventSchema.parse(
        withoutUndefined({ ...current, ...change.set, updatedAt: now.toISOString(), sequence: current.sequence + 1, version: current.version + 1 }),
      );
      await change.prepare?.(next);
      return { next: { event: next, internals: { ...internals, ...change.internals } }, events: change.events(next) };
    });
    return event;
  }
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
