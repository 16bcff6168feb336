import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import {
  Actor,
  addDays,
  CalendarEvent,
  errors,
  eventListQuerySchema,
  EventStatus,
  moscowDate,
  moscowStartOfDay,
  Plan,
  planQuerySchema,
} from '@tochka/contracts';
import { withoutOutbox } from '@tochka/messaging';
import { Page, paginate } from '@tochka/runtime';
import { EVENT_MODEL, EventDoc, EventModel } from './event.model';
import { toEvent } from './event.mapper';
import { mayRead, PUBLIC_STATUSES } from './event-rules';
import { EventStore } from './event-store';
import { MAX_BUCKETS, monthsOf } from './month-buckets';

/** In the published plan: approved events, including those at risk and those already held. */
const PLAN_STATUSES: EventStatus[] = ['approved', 'at_risk', 'held'];
const MONTHS = ['Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь', 'Июль', 'Август', 'Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь'];

/** Reading events: everyone sees the published ones; proposals and rejections only their host and the coordinator. */
@Injectable()
export class EventQueries {
  constructor(
    @Inject(EVENT_MODEL) private readonly events: EventModel,
    private readonly store: EventStore,
  ) {}

  async get(actor: Actor, id: string): Promise<CalendarEvent> {
    const found = await this.store.find(id);
    if (!found || !mayRead(actor, found.event)) throw errors.notFound('Мероприятие не найдено');
    return found.event;
  }

  list(actor: Actor, query: z.output<typeof eventListQuerySchema>) {
    const conditions: object[] = [
      visibleTo(actor),
      ...(query.from ? [{ end: { $gt: instantOf(query.from, 'start') } }] : []),
      ...(query.to ? [{ start: { $lt: instantOf(query.to, 'end') } }] : []),
      ...(query.org ? [involving(query.org)] : []),
      ...(query.agreement ? [{ agreementId: query.agreement }] : []),
      ...(query.festival ? [{ festivalId: query.festival }] : []),
      ...(query.status ? [{ status: query.status }] : []),
      ...(query.kind ? [{ kind: query.kind }] : []),
      ...(query.direction ? [{ direction: query.direction }] : []),
    ];
    const months = query.from && query.to ? monthsOf(instantOf(query.from, 'start'), instantOf(query.to, 'end')) : [];
    if (months.length && months.length <= MAX_BUCKETS) return this.listByMonths(months, conditions, query);
    return paginate(this.events, { $and: conditions }, { start: 1 }, query, toEvent);
  }

  /**
   * A window's events by its month buckets: one query per month, an equality on the indexed
   * `months` beside the other conditions (README: hot queries), merged and paged here.
   */
  private async listByMonths(months: string[], conditions: object[], query: { page: number; limit: number }): Promise<Page<CalendarEvent>> {
    const found = new Map<string, EventDoc>();
    for (const month of months) {
      const docs = await this.events.find({ months: month, $and: conditions } as never, withoutOutbox).lean<EventDoc[]>();
      for (const doc of docs) found.set(doc._id.toHexString(), doc);
    }
    const sorted = [...found.values()].sort((a, b) => a.start.getTime() - b.start.getTime() || a._id.toHexString().localeCompare(b._id.toHexString()));
    const page = sorted.slice((query.page - 1) * query.limit, query.page * query.limit).map(toEvent);
    return { items: page, total: sorted.length, page: query.page, limit: query.limit };
  }

  /** The plan-schedule of a school year (1 September – 31 August), grouped by Moscow month. */
  async plan(query: z.output<typeof planQuerySchema>): Promise<Plan> {
    const from = `${query.schoolYear.slice(0, 4)}-09-01`;
    const to = `${query.schoolYear.slice(5)}-08-31`;
    const docs = await this.events
      .find(
        {
          $and: [
            { status: { $in: PLAN_STATUSES } },
            { start: { $gte: moscowStartOfDay(from), $lt: moscowStartOfDay(addDays(to, 1)) } },
            ...(query.org ? [involving(query.org)] : []),
            ...(query.kind ? [{ kind: query.kind }] : []),
            ...(query.direction ? [{ direction: query.direction }] : []),
          ],
        } as never,
        withoutOutbox,
      )
      .sort({ start: 1 })
      .lean<EventDoc[]>();
    const months = new Map<string, CalendarEvent[]>();
    for (const doc of docs) {
      const month = moscowDate(doc.start).slice(0, 7);
      months.set(month, [...(months.get(month) ?? []), toEvent(doc)]);
    }
    return {
      schoolYear: query.schoolYear,
      from,
      to,
      total: docs.length,
      months: [...months].map(([month, events]) => ({ month, label: `${MONTHS[Number(month.slice(5)) - 1]} ${month.slice(0, 4)}`, events })),
    };
  }

  /** A festival's programme as this user may see it. */
  async program(actor: Actor, festivalId: string): Promise<CalendarEvent[]> {
    const docs = await this.events
      .find({ $and: [{ festivalId }, visibleTo(actor)] } as never, withoutOutbox)
      .sort({ start: 1 })
      .lean<EventDoc[]>();
    return docs.map(toEvent);
  }
}

export function involving(organizationId: string) {
  return { $or: [{ 'host.organizationId': organizationId }, { 'partners.organizationId': organizationId }] };
}

function visibleTo(actor: Actor) {
  if (actor.role === 'coordinator') return {};
  return { $or: [{ status: { $in: PUBLIC_STATUSES } }, { 'host.organizationId': actor.organizationId }] };
}

/** A date means the start (or the end) of that Moscow day. */
function instantOf(value: string, edge: 'start' | 'end'): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value);
  return moscowStartOfDay(edge === 'start' ? value : addDays(value, 1));
}
