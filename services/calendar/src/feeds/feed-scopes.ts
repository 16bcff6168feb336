import { Injectable } from '@nestjs/common';
import { Actor, errors, FeedScope } from '@tochka/contracts';
import { FestivalsService } from '../festivals/festivals.service';
import { ReadModels } from '../read-models/read-models.service';
import type { IndexedEvent } from './feed-index';

/** A feed's scope made concrete for its owner now: which events, under what calendar name. */
export interface ResolvedScope {
  /** Identifies the content's selection: the scope; for "mine" the owner's organisation and the events it registered for. */
  key: string;
  /** X-WR-CALNAME */
  name: string;
  /** Whether an event (of those feeds may show: FeedIndex) belongs to the scope. */
  includes: (event: IndexedEvent) => boolean;
  /** "mine" also follows the organisation's registrations. */
  registrationsOf?: string;
}

/** The statuses of events feeds show (cancelled ones only if they were approved, and for a while). */
export const FEED_STATUSES = ['approved', 'at_risk', 'held', 'cancelled'] as const;

/** An organisation's events: those it hosts and those it is a partner of. */
const involving = (organizationId: string) => (e: IndexedEvent) =>
  e.host.organizationId === organizationId || e.partners.some((p) => p.organizationId === organizationId);

@Injectable()
export class FeedScopes {
  constructor(
    private readonly readModels: ReadModels,
    private readonly festivals: FestivalsService,
  ) {}

  /** 404 when what the scope names does not exist (any more). */
  async resolve(scope: FeedScope, owner: Actor): Promise<ResolvedScope> {
    switch (scope.kind) {
      case 'organization': {
        const org = await this.readModels.organization(scope.organizationId);
        if (!org) throw errors.notFound('Организация не найдена');
        return { key: `organization:${org._id}`, name: `Мероприятия: ${org.shortName}`, includes: involving(org._id) };
      }
      case 'agreement': {
        const agreement = await this.readModels.agreement(scope.agreementId);
        if (!agreement) throw errors.notFound('Соглашение не найдено');
        return { key: `agreement:${agreement._id}`, name: `Соглашение № ${agreement.number}`, includes: (e) => e.agreementId === agreement._id };
      }
      case 'festival': {
        const festival = await this.festivals.find(scope.festivalId);
        if (!festival) throw errors.notFound('Фестиваль не найден');
        return { key: `festival:${festival.id}`, name: `Фестиваль «${festival.name}»`, includes: (e) => e.festivalId === festival.id };
      }
      case 'plan':
        return {
          key: 'plan',
          name: 'План мероприятий центров «Точка роста» Щербиновского района',
          includes: () => true,
        };
      case 'mine': {
        const orgId = owner.organizationId;
        const [org, registered] = await Promise.all([this.readModels.organization(orgId), this.readModels.registeredEventIds(orgId)]);
        const ids = new Set(registered);
        const own = involving(orgId);
        return {
          key: `mine:${orgId}:${[...registered].sort().join(',')}`,
          name: `Мои мероприятия: ${org?.shortName ?? orgId}`,
          includes: (e) => own(e) || ids.has(e.id),
          registrationsOf: orgId,
        };
      }
    }
  }
}
