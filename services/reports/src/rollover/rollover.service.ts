import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  addDays,
  Agreement,
  agreementRpcs,
  agreementValidOn,
  CalendarEvent,
  calendarRpcs,
  DomainError,
  moscowDate,
  moscowTime,
  RolloverPlan,
} from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS, Clock, CLOCK } from '@tochka/runtime';
import { assertCoordinator } from '../access';
import { PUBLISHED } from '../plan/plan-document';
import { ReportsStore } from '../read-models/store';
import { instantsOf, schoolYearLabel, schoolYearPeriod } from '../school-year';

type AgreementLine = RolloverPlan['agreements'][number] & { source: Agreement };
type EventLine = RolloverPlan['events'][number] & { source: CalendarEvent; key: string; agreementId?: string };
interface InternalPlan {
  from: string;
  to: string;
  summary: string;
  agreements: AgreementLine[];
  events: EventLine[];
}

const DAY = 86_400_000;
const dmy = (date: string) => date.split('-').reverse().join('.');

/** The Monday of the week a date falls in. */
function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** Same weekday of the corresponding week of the other school year (weeks counted from the week of 1 September). */
export function correspondingDate(date: string, fromYear: string, toYear: string): string {
  const src = mondayOf(schoolYearPeriod(fromYear).from);
  const dst = mondayOf(schoolYearPeriod(toYear).from);
  const days = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${src}T00:00:00Z`)) / DAY);
  return addDays(dst, days);
}

/**
 * The next school year from this one: the agreements that end in it are renewed as drafts (the
 * agreements service's `renew`), and its published plan is copied as proposals to the same weekday
 * and time of the corresponding week, under the renewed agreements. A copy whose agreement is not in
 * force yet waits: run again once it is signed. What was created is recorded here by key, so a
 * second run creates nothing twice.
 */
@Injectable()
export class RolloverService {
  constructor(
    private readonly store: ReportsStore,
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async preview(actor: Actor, input: { from: string; to?: string }): Promise<RolloverPlan> {
    assertCoordinator(actor, 'Начинать новый учебный год');
    return strip(await this.plan(input.from, input.to ?? nextYear(input.from)));
  }

  async run(actor: Actor, input: { from: string; to?: string }): Promise<RolloverPlan> {
    assertCoordinator(actor, 'Начинать новый учебный год');
    const to = input.to ?? nextYear(input.from);
    const first = await this.plan(input.from, to);
    for (const line of first.agreements.filter((l) => l.action === 'create')) {
      const renewed = await this.renew(actor, line);
      await this.record(`renew:${to}:${line.previousId}`, 'agreement', renewed.id);
      await this.store.recordAgreement(renewed);
    }
    // With the drafts recorded, the events see their renewed agreements (and wait for their signatures).
    const second = await this.plan(input.from, to);
    for (const line of second.events.filter((l) => l.action === 'create')) {
      const e = line.source;
      const { event } = await this.bus.rpc.request(calendarRpcs.import, {
        actor,
        key: line.key,
        as: 'proposed',
        event: {
          hostId: e.host.organizationId,
          title: e.title,
          description: e.description,
          kind: e.kind,
          direction: e.direction,
          venue: e.venue.roomKey,
          start: line.start,
          end: line.end,
          audience: e.audience,
          ...(e.grades ? { grades: e.grades } : {}),
          partners: e.partners.map((p) => p.organizationId),
          ...(line.agreementId ? { agreementId: line.agreementId } : {}),
          ...(e.capacity ? { capacity: e.capacity } : {}),
          contact: e.contact,
        },
      });
      await this.record(`event:${line.key}`, 'event', event.id);
    }
    return strip(await this.plan(input.from, to));
  }

  private async renew(actor: Actor, line: AgreementLine): Promise<Agreement> {
    try {
      return await this.bus.rpc.request(agreementRpcs.renew, {
        actor,
        id: line.previousId,
        number: line.number,
        validFrom: line.validFrom,
        validTo: line.validTo,
      });
    } catch (err) {
      // Renewed by a run that stopped before recording it: the number is taken by that draft.
      if (!(err instanceof DomainError) || err.status !== 409) throw err;
      const party = line.source.parties[0]?.organizationId;
      for (let page = 1; ; page++) {
        const found = await this.bus.rpc.request(agreementRpcs.list, { party, page, limit: 200 });
        const mine = found.items.find((a) => a.previousAgreementId === line.previousId && a.validFrom === line.validFrom);
        if (mine) return mine;
        if (page * 200 >= found.total) throw err;
      }
    }
  }

  private record(id: string, kind: 'agreement' | 'event', targetId: string) {
    return this.store.models.rollover.updateOne({ _id: id }, { $setOnInsert: { kind, targetId, createdAt: this.clock.now() } }, { upsert: true });
  }

  private async plan(from: string, to: string): Promise<InternalPlan> {
    const src = schoolYearPeriod(from);
    const dst = schoolYearPeriod(to);
    const { start, end } = instantsOf(src);
    const [agreements, events, records] = await Promise.all([
      this.store.agreements(),
      this.store.eventsBetween(start, end),
      this.store.models.rollover.find({}).lean(),
    ]);
    const recorded = new Map(records.map((r) => [r._id, r.targetId]));
    const byId = new Map(agreements.map((a) => [a.id, a]));

    // In force during the source year and ended before the new one begins (for the next year: those ending in this one).
    const ending = agreements.filter((a) => ['active', 'expired'].includes(a.status) && a.validTo >= src.from && a.validTo < dst.from);
    const byNumber = new Map(agreements.map((a) => [a.number, a]));
    const agreementLines: AgreementLine[] = ending
      .sort((a, b) => a.number.localeCompare(b.number, 'ru', { numeric: true }))
      .map((a) => {
        const number = /\d{4}/.test(a.number) ? a.number.replace(/\d{4}/, to.slice(0, 4)) : `${a.number}-${to.slice(0, 4)}`;
        // Renewed by an earlier run, or already there under the renewal's number for the new year
        // (signed on paper and loaded, or renewed by hand): not renewed again.
        const sameNumber = byNumber.get(number);
        const renewedId =
          recorded.get(`renew:${to}:${a.id}`) ?? (sameNumber && sameNumber.validFrom <= dst.from && sameNumber.validTo >= dst.from ? sameNumber.id : undefined);
        const renewed = renewedId ? byId.get(renewedId) : undefined;
        return {
          source: a,
          previousId: a.id,
          previousNumber: a.number,
          number: renewed?.number ?? number,
          validFrom: dst.from,
          validTo: dst.to,
          action: renewedId ? ('exists' as const) : ('create' as const),
          ...(renewedId ? { renewedId, status: renewed?.status ?? 'draft' } : {}),
        };
      });
    const renewedOf = new Map(agreementLines.filter((l) => l.renewedId).map((l) => [l.previousId, l.renewedId!]));

    const now = this.clock.now().getTime();
    const eventLines: EventLine[] = events
      .filter((e) => PUBLISHED.includes(e.status) && !e.festivalId)
      .map((e) => {
        const date = correspondingDate(moscowDate(new Date(e.start)), from, to);
        const startIso = new Date(`${date}T${moscowTime(e.start)}:00+03:00`).toISOString();
        const endIso = new Date(Date.parse(startIso) + Date.parse(e.end) - Date.parse(e.start)).toISOString();
        const key = `roll-${to}-${e.id}`.toLowerCase();
        const line = { source: e, key, sourceId: e.id, title: e.title, hostName: e.host.organizationName, start: startIso, end: endIso };
        const eventId = recorded.get(`event:${key}`);
        if (eventId) return { ...line, action: 'exists' as const, eventId };
        if (Date.parse(startIso) <= now) return { ...line, action: 'past' as const, reason: `Новая дата ${dmy(date)} уже прошла` };
        if (!e.agreementId) return { ...line, action: 'create' as const };
        const old = byId.get(e.agreementId);
        const agreementId = renewedOf.get(e.agreementId) ?? (old && agreementValidOn(old, date) ? old.id : undefined);
        const agreement = agreementId ? byId.get(agreementId) : undefined;
        if (!agreementId) {
          const renewedLine = agreementLines.find((l) => l.previousId === e.agreementId);
          return {
            ...line,
            action: 'waits' as const,
            reason: renewedLine ? `Ждёт продления соглашения № ${renewedLine.previousNumber}` : `Соглашение № ${old?.number ?? ''} не действует ${dmy(date)}`,
          };
        }
        if (!agreement || !agreementValidOn(agreement, date)) {
          return {
            ...line,
            action: 'waits' as const,
            agreementId,
            reason: `Ждёт подписания соглашения № ${agreement?.number ?? agreementLines.find((l) => l.renewedId === agreementId)?.number ?? ''} всеми сторонами`,
          };
        }
        return { ...line, action: 'create' as const, agreementId };
      });
    const n = (list: { action: string }[], action: string) => list.filter((l) => l.action === action).length;
    return {
      from,
      to,
      agreements: agreementLines,
      events: eventLines,
      summary:
        `${schoolYearLabel(from)} → ${schoolYearLabel(to)}. Соглашения: продлить ${n(agreementLines, 'create')}, уже продлены ${n(agreementLines, 'exists')}. ` +
        `Мероприятия: предложить ${n(eventLines, 'create')}, уже перенесены ${n(eventLines, 'exists')}, ждут подписания соглашений ${n(eventLines, 'waits')}, ` +
        `новая дата уже прошла ${n(eventLines, 'past')}.`,
    };
  }
}

function nextYear(y: string): string {
  return `${Number(y.slice(0, 4)) + 1}-${Number(y.slice(5)) + 1}`;
}

/** The answer without the internals the plan was computed with. */
function strip(plan: InternalPlan): RolloverPlan {
  return {
    from: plan.from,
    to: plan.to,
    summary: plan.summary,
    agreements: plan.agreements.map(({ source: _s, ...l }) => l),
    events: plan.events.map(({ source: _s, key: _k, agreementId: _a, ...l }) => l),
  };
}
