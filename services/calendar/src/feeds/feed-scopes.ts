import { Injectable } from '@nestjs/common';
import { Actor, errors, FeedScope } from '@tochka/contracts';
import { notFound } from '../not-found';
import { objectId } from '../events/event.mapper';
import { FestivalsService } from '../festivals/festivals.service';
import { ReadModels } from '../read-models/read-models.service';

/** A feed's scope made concrete for its owner now: which events, under what calendar name. */
export interface ResolvedScope {
  /** Identifies the content's selection: the scope; for "mine" the owner's organisation and the events it registered for. */
  key: string;
  /** X-WR-CALNAME */
  name: string;
  /**
   * Equalities on indexed fields whose results together hold every event of the scope (and maybe
   * some not in feeds: the feed keeps those its rule admits). One query each: FerretDB hands only
   * scalar equalities to its backend, `$or` and `$in` it filters itself after reading everything.
   */
  queries: object[];
  /** "mine" also follows the organisation's registrations. */
  registrationsOf?: string;
}

/** The statuses of events feeds show (cancelled ones only if they were approved, and for a while). */
export const FEED_STATUSES = ['approved', 'at_risk', 'held', 'cancelled'] as const;

/** An organisation's events: those it hosts and those it is a partner of. */
const involving = (organizationId: string) => [{ 'host.organizationId': organizationId }, { 'partners.organizationId': organizationId }];

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
        if (!org) throw notFound('Организация не найдена');
        return { key: `organization:${org._id}`, name: `Мероприятия: ${org.shortName}`, queries: involving(org._id) };
      }
      case 'agreement': {
        const agreement = await this.readModels.agreement(scope.agreementId);
        if (!agreement) throw errors.notFound('Соглашение');
        return { key: `agreement:${agreement._id}`, name: `Соглашение № ${agreement.number}`, queries: [{ agreementId: agreement._id }] };
      }
      case 'festival': {
        const festival = await this.festivals.find(scope.festivalId);
        if (!festival) throw notFound('Фестиваль не найден');
        return { key: `festival:${festival.id}`, name: `Фестиваль «${festival.name}»`, queries: [{ festivalId: festival.id }] };
      }
      case 'plan':
        return {
          key: 'plan',
          name: 'План мероприятий центров «Точка роста» Щербиновского района',
          queries: FEED_STATUSES.map((status) => ({ status })),
        };
      case 'mine': {
        const orgId = owner.organizationId;
        const [org, registered] = await Promise.all([this.readModels.organization(orgId), this.readModels.registeredEventIds(orgId)]);
        const ids = registered.map(objectId).filter((id) => id !== undefined);
        return {
          key: `mine:${orgId}:${[...registered].sort().join(',')}`,
          name: `Мои мероприятия: ${org?.shortName ?? orgId}`,
          queries: [...involving(orgId), ...ids.map((_id) => ({ _id }))],
          registrationsOf: orgId,
        };
      }
    }
  }
}
