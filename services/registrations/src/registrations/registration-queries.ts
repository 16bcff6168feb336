import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { Actor, errors, eventVisibleTo, registrationListQuerySchema } from '@tochka/contracts';
import { boundedRead, readTimeLimit } from '@tochka/messaging';
import { Clock, CLOCK, CONFIG } from '@tochka/runtime';
import { RegistrationsConfig } from '../config';
import { availabilityOf, detailsOf, Ledger, toRegistration } from '../ledger/ledger';
import { LedgerStore } from '../ledger/ledger-store';
import { seesAll, visibleEntry, visibleLedger } from './access';

/**
 * The queries. Nobody sees another organisation's registrations unless they host the event or
 * coordinate. Their reads stop when the caller stops waiting (`maxTimeMS` = what it has left), so
 * an abandoned request does not leave them running.
 */
@Injectable()
export class RegistrationQueries {
  private readonly deadlineHours: number;

  constructor(
    private readonly store: LedgerStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) config: RegistrationsConfig,
  ) {
    this.deadlineHours = config.REGISTRATION_DEADLINE_HOURS;
  }

  async get(actor: Actor, id: string) {
    const ledger = await boundedRead(this.store.load(await boundedRead(this.store.eventIdOf(id, readTimeLimit())), readTimeLimit()));
    if (!ledger || !eventVisibleTo(actor, ledger.event)) throw errors.notFound('Регистрация не найдена');
    return detailsOf(ledger, visibleEntry(actor, ledger, id));
  }

  /** In arrival order; free places and the waitlist's length for everyone, contacts only for those who may see them. */
  async forEvent(actor: Actor, eventId: string) {
    const ledger = visibleLedger(actor, await boundedRead(this.store.load(eventId, readTimeLimit())));
    const all = seesAll(actor, ledger);
    const entries = all ? ledger.registrations : ledger.registrations.filter((r) => r.organizationId === actor.organizationId);
    return {
      availability: availabilityOf(ledger, this.clock.now(), this.deadlineHours),
      scope: all ? ('all' as const) : ('own' as const),
      items: entries.map((r) => toRegistration(ledger, r)),
    };
  }

  async forOrganization(actor: Actor, query: z.output<typeof registrationListQuerySchema>) {
    const organizationId = query.organizationId ?? actor.organizationId;
    if (organizationId !== actor.organizationId && actor.role !== 'coordinator') {
      throw errors.forbidden('Можно смотреть только записи своей организации');
    }
    const ids = await boundedRead(this.store.eventIdsOf(organizationId, readTimeLimit()));
    const ledgers = (await Promise.all(ids.map((id) => boundedRead(this.store.load(id, readTimeLimit())))))
      .filter((l): l is Ledger => l !== undefined && eventVisibleTo(actor, l.event))
      .sort((a, b) => a.event.start.getTime() - b.event.start.getTime() || a.id.localeCompare(b.id));
    const all = ledgers.flatMap((ledger) =>
      ledger.registrations.filter((r) => r.organizationId === organizationId && (!query.status || r.status === query.status)).map((r) => detailsOf(ledger, r)),
    );
    const from = (query.page - 1) * query.limit;
    return { items: all.slice(from, from + query.limit), total: all.length, page: query.page, limit: query.limit };
  }
}
