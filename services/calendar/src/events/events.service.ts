import { Inject, Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { z } from 'zod';
import {
  Actor,
  CalendarEvent,
  calendarEvents,
  capacityRpcs,
  DomainError,
  errors,
  eventInputSchema,
  EventPatch,
  EventResult,
  FieldError,
  rescheduleSchema,
  moscowSpan,
} from '@tochka/contracts';
import { createEvent, fingerprint, keyedId, MessageBus } from '@tochka/messaging';
import { BUS } from '@tochka/runtime';
import { BusyPartners } from './busy-partners';
import { assertCoordinator, assertMayManage, assertMayPropose, assertStatus, BOOKED_STATUSES, mayRead, OPEN_STATUSES } from './event-rules';
import { Change, Current, EventStore } from './event-store';
import { EventReferences, ReferenceInput, referenceProblems, References } from './references';
import { defaultDeadline, iso, movedDeadline } from './deadlines';
import { newEvent } from './new-event';
import { currentValue, same } from './patch-diff';
import { VenueBookings } from './venue-bookings';

type Input = z.output<typeof eventInputSchema>;

/** Commands on events: each answers the event and warnings (busy partners). */
@Injectable()
export class EventsService {
  constructor(
    private readonly store: EventStore,
    private readonly references: EventReferences,
    private readonly venues: VenueBookings,
    private readonly busy: BusyPartners,
    @Inject(BUS) private readonly bus: MessageBus,
  ) {}

  /** Under an Idempotency-Key a repeat of the request answers the proposal the first one made. */
  async propose(actor: Actor, input: Input, idempotencyKey?: string): Promise<EventResult> {
    assertMayPropose(actor, input.hostId);
    const now = this.store.now();
    if (Date.parse(input.start) <= now.getTime()) {
      throw errors.validation([{ path: 'start', message: 'Начало мероприятия уже прошло: запланировать его нельзя' }]);
    }
    const refs = await this.checkedReferences(input, input.start, input.end);
    const id = idempotencyKey ? keyedId('event', `${actor.userId}:${idempotencyKey}`) : new Types.ObjectId().toHexString();
    const { event, internals } = newEvent(id, input, refs, { status: 'proposed', actor, now });
    const events = [createEvent(calendarEvents.proposed, { event })];
    if (idempotencyKey) {
      const created = await this.store.insertOnce(event, internals, events, { key: `${actor.userId}:${idempotencyKey}`, requestHash: fingerprint(input) });
      return { event: created.event, warnings: await this.busy.warnings(created.event) };
    }
    await this.store.insert(event, internals, events);
    return { event, warnings: await this.busy.warnings(event) };
  }

  /**
   * A plan-schedule entry loaded by its key (twice = once): approved on paper, or a proposal of a
   * plan drafted elsewhere (a spreadsheet, the next year's rollover), reviewed as usual.
   */
  async import(actor: Actor, key: string, input: Input, as: 'approved' | 'proposed' = 'approved'): Promise<EventResult> {
    assertCoordinator(actor, 'Загружать план-график');
    const id = keyedId('event', key);
    const existing = await this.store.find(id);
    if (existing) return { event: existing.event, warnings: [] };
    const refs = await this.checkedReferences(input, input.start, input.end);
    const now = this.store.now();
    if (as === 'proposed') {
      if (Date.parse(input.start) <= now.getTime()) {
        throw errors.validation([{ path: 'start', message: 'Начало мероприятия уже прошло: запланировать его нельзя' }]);
      }
      const { event, internals } = newEvent(id, input, refs, { status: 'proposed', actor, now });
      if (!(await this.store.insert(event, internals, [createEvent(calendarEvents.proposed, { event, imported: true })]))) {
        return { event: (await this.store.find(id))!.event, warnings: [] };
      }
      return { event, warnings: await this.busy.warnings(event) };
    }
    const { event, internals } = newEvent(id, input, refs, { status: 'approved', actor, now });
    await this.venues.book(venueOf(event), { eventId: id, start: new Date(event.start), end: new Date(event.end), eventVersion: 1 });
    if (!(await this.store.insert(event, internals, [createEvent(calendarEvents.approved, { event, imported: true })]))) {
      return { event: (await this.store.find(id))!.event, warnings: [] };
    }
    return { event, warnings: [] };
  }

  async approve(actor: Actor, id: string, comment?: string, onPaper = false): Promise<EventResult> {
    const event = await this.store.transition(id, async ({ event: current, now }) => {
      visible(actor, current);
      assertCoordinator(actor, 'Согласовать мероприятие');
      assertStatus(current, ['proposed'], 'согласовать мероприятие');
      if (Date.parse(current.start) <= now.getTime()) throw errors.conflict('event_started', 'Мероприятие уже началось: согласовать его нельзя');
      const problems = referenceProblems(await this.references.resolve(referencesOf(current)), new Date(current.start), new Date(current.end));
      if (problems.length) throw new DomainError('rule_violated', `Согласовать нельзя: ${problems.map((p) => p.message).join('; ')}`, 409, problems);
      return {
        set: { status: 'approved', approvalComment: comment },
        internals: { approvedAt: now },
        prepare: (next) => this.book(next),
        events: (next) => [createEvent(calendarEvents.approved, { event: next, ...(onPaper ? { imported: true as const } : {}) })],
      };
    });
    return this.result(event);
  }

  async reject(actor: Actor, id: string, reason: string): Promise<EventResult> {
    const event = await this.store.transition(id, ({ event: current }) => {
      visible(actor, current);
      assertCoordinator(actor, 'Отклонить мероприятие');
      assertStatus(current, ['proposed'], 'отклонить мероприятие');
      return { set: { status: 'rejected', rejectionReason: reason }, events: (next) => [createEvent(calendarEvents.rejected, { event: next })] };
    });
    return { event, warnings: [] };
  }

  async reschedule(actor: Actor, id: string, time: z.output<typeof rescheduleSchema>): Promise<EventResult> {
    const event = await this.store.transition(id, async ({ event: current, internals, now }) => {
      visible(actor, current);
      assertMayManage(actor, current, 'Перенести мероприятие');
      assertStatus(current, OPEN_STATUSES, 'перенести мероприятие');
      if (Date.parse(time.start) <= now.getTime()) throw errors.validation([{ path: 'start', message: 'Новое время начала уже прошло' }]);
      if (Date.parse(time.start) === Date.parse(current.start) && Date.parse(time.end) === Date.parse(current.end)) {
        throw errors.validation([{ path: 'start', message: 'Новое время совпадает с текущим' }]);
      }
      await this.checkedReferences(referencesOf(current), time.start, time.end);
      const deadline = movedDeadline(current, internals, time);
      return {
        set: {
          start: iso(time.start),
          end: iso(time.end),
          registrationDeadline: deadline.registrationDeadline,
          // Named a valid agreement for the new time: no longer at risk.
          ...(current.status === 'at_risk' ? { status: 'approved' as const, atRiskReason: undefined } : {}),
        },
        internals: { deadlineIsDefault: deadline.isDefault },
        prepare: (next) => this.book(next),
        events: (next) => [createEvent(calendarEvents.rescheduled, { event: next, previous: { start: current.start, end: current.end } })],
      };
    });
    return this.result(event);
  }

  async update(actor: Actor, id: string, patch: EventPatch): Promise<EventResult> {
    const event = await this.store.transition(id, (current) => {
      visible(actor, current.event);
      assertMayManage(actor, current.event, 'Изменить мероприятие');
      assertStatus(current.event, OPEN_STATUSES, 'изменить мероприятие');
      return this.patchChange(actor, current, patch);
    });
    return this.result(event);
  }

  async cancel(actor: Actor, id: string, reason: string): Promise<EventResult> {
    const event = await this.store.transition(id, ({ event: current, now }) => {
      visible(actor, current);
      assertMayManage(actor, current, 'Отменить мероприятие');
      assertStatus(current, OPEN_STATUSES, 'отменить мероприятие');
      // The room is freed by the status itself: a cancelled event's booking no longer counts.
      return {
        set: { status: 'cancelled', cancellationReason: reason, cancelledAt: now.toISOString() },
        events: (next) => [createEvent(calendarEvents.cancelled, { event: next })],
      };
    });
    return { event, warnings: [] };
  }

  async report(actor: Actor, id: string, report: { participants: number; notes?: string }): Promise<EventResult> {
    const event = await this.store.transition(id, ({ event: current, now }) => {
      visible(actor, current);
      assertMayManage(actor, current, 'Отчитаться о мероприятии');
      assertStatus(current, BOOKED_STATUSES, 'отметить мероприятие проведённым');
      if (now.getTime() < Date.parse(current.end)) {
        throw errors.conflict('event_not_over', `Отчёт вносится после окончания мероприятия (${moscowSpan(current.start, current.end, { zone: false })})`);
      }
      return { set: { status: 'held', report }, events: (next) => [createEvent(calendarEvents.held, { event: next })] };
    });
    return { event, warnings: [] };
  }

  /** The change a patch makes, or null when it changes nothing. */
  private async patchChange(actor: Actor, { event: current, internals }: Current, patch: EventPatch): Promise<Change | null> {
    const changed: string[] = (Object.keys(patch) as (keyof EventPatch)[]).filter((k) => !same(patch[k], currentValue(current, k)));
    if (!changed.length) return null;
    const set: Partial<CalendarEvent> = { ...patch } as Partial<CalendarEvent>;
    delete (set as Record<string, unknown>).venue;
    delete (set as Record<string, unknown>).partners;

    const refsInput: ReferenceInput = {
      ...referencesOf(current),
      ...(patch.venue ? { venue: patch.venue } : {}),
      ...(patch.partners ? { partners: patch.partners } : {}),
      ...(patch.agreementId ? { agreementId: patch.agreementId } : {}),
      ...(patch.festivalId ? { festivalId: patch.festivalId } : {}),
    };
    if (refsInput.partners.length && !refsInput.agreementId) {
      throw errors.validation([{ path: 'agreementId', message: 'Для мероприятия с партнёрами укажите соглашение о сетевом взаимодействии' }]);
    }
    const touchesRules = changed.some((k) => ['venue', 'partners', 'agreementId', 'festivalId'].includes(k));
    if (touchesRules || current.status === 'at_risk') {
      const refs = await this.references.resolve(refsInput);
      const problems = referenceProblems(refs, new Date(current.start), new Date(current.end));
      if (touchesRules && problems.length) throw errors.validation(problems);
      if (changed.includes('venue')) set.venue = refs.venue;
      if (changed.includes('partners')) set.partners = refs.partners;
      if (current.status === 'at_risk' && !problems.length) {
        set.status = 'approved';
        set.atRiskReason = undefined;
        changed.push('status');
      }
    }
    let deadlineIsDefault = internals.deadlineIsDefault;
    if (patch.registrationDeadline) {
      if (Date.parse(patch.registrationDeadline) > Date.parse(current.start)) {
        throw errors.validation([{ path: 'registrationDeadline', message: 'Срок записи не может быть позже начала мероприятия' }]);
      }
      set.registrationDeadline = iso(patch.registrationDeadline);
      deadlineIsDefault = false;
    } else if (patch.capacity && !current.registrationDeadline) {
      set.registrationDeadline = defaultDeadline(current.start);
      deadlineIsDefault = true;
    }

    const booked = BOOKED_STATUSES.includes(current.status);
    const capacityChanged = changed.includes('capacity') && booked;
    return {
      set,
      internals: { deadlineIsDefault },
      prepare: async (next) => {
        if (capacityChanged) {
          // Registrations guard capacity: refused (409) below what is confirmed; a raise promotes the waitlist.
          await this.bus.rpc.request(capacityRpcs.apply, { actor, eventId: next.id, capacity: next.capacity! });
        }
        if (booked && changed.includes('venue')) await this.book(next);
      },
      events: (next) => [createEvent(calendarEvents.updated, { event: next, changed })],
    };
  }

  /** References resolved and the rules checked (400 naming every problem). */
  private async checkedReferences(input: ReferenceInput, start: string, end: string): Promise<References> {
    const refs = await this.references.resolve(input);
    const problems: FieldError[] = referenceProblems(refs, new Date(start), new Date(end));
    if (problems.length) throw errors.validation(problems);
    return refs;
  }

  private book(next: CalendarEvent): Promise<void> {
    if (!BOOKED_STATUSES.includes(next.status)) return Promise.resolve();
    return this.venues.book(venueOf(next), { eventId: next.id, start: new Date(next.start), end: new Date(next.end), eventVersion: next.version });
  }

  private async result(event: CalendarEvent): Promise<EventResult> {
    return { event, warnings: await this.busy.warnings(event) };
  }
}

/** Events one may not see are "not found" rather than "forbidden": their existence is not told. */
function visible(actor: Actor, event: CalendarEvent): void {
  if (!mayRead(actor, event)) throw errors.notFound('Мероприятие не найдено');
}

function venueOf(event: CalendarEvent) {
  return { hostId: event.host.organizationId, roomKey: event.venue.roomKey, roomName: event.venue.roomName };
}

function referencesOf(event: CalendarEvent): ReferenceInput {
  return {
    hostId: event.host.organizationId,
    venue: event.venue.roomKey,
    partners: event.partners.map((p) => p.organizationId),
    ...(event.agreementId ? { agreementId: event.agreementId } : {}),
    ...(event.festivalId ? { festivalId: event.festivalId } : {}),
  };
}
