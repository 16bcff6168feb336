import { Injectable } from '@nestjs/common';
import { Actor, errors, FeedScope } from '@tochka/contracts';
import { notFound } from '../not-found';
import { involving } from '../events/event-queries';
import { objectId } from '../events/event.mapper';
import { FestivalsService } from '../festivals/festivals.service';
import { ReadModels } from '../read-models/read-models.service';

/** A feed's scope made concrete for its owner now: which events, under what calendar name. */
export interface ResolvedScope {
  /** Identifies the content's selection: the scope; for "mine" the owner's organisation and the events it registered for. */
  key: string;
  /** X-WR-CALNAME */
  name: string;
  filter: object;
  /** "mine" also follows the organisation's registrations. */
  registrationsOf?: string;
}

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
        return { key: `organization:${org._id}`, name: `Мероприятия: ${org.shortName}`, filter: involving(org._id) };
      }
      case 'agreement': {
        const agreement = await this.readModels.agreement(scope.agreementId);
        if (!agreement) throw errors.notFound('Соглашение');
        return { key: `agreement:${agreement._id}`, name: `Соглашение № ${agreement.number}`, filter: { agreementId: agreement._id } };
      }
      case 'festival': {
        const festival = await this.festivals.find(scope.festivalId);
        if (!festival) throw notFound('Фестиваль не найден');
        return { key: `festival:${festival.id}`, name: `Фестиваль «${festival.name}»`, filter: { festivalId: festival.id } };
      }
      case 'plan':
        return { key: 'plan', name: 'План мероприятий центров «Точка роста» Щербиновского района', filter: {} };
      case 'mine': {
        const orgId = owner.organizationId;
        const [org, registered] = await Promise.all([this.readModels.organization(orgId), this.readModels.registeredEventIds(orgId)]);
        const ids = registered.map(objectId).filter((id) => id !== undefined);
        return {
          key: `mine:${orgId}:${[...registered].sort().join(',')}`,
          name: `Мои мероприятия: ${org?.shortName ?? orgId}`,
          filter: { $or: [...involving(orgId).$or, ...(ids.length ? [{ _id: { $in: ids } }] : [])] },
          registrationsOf: orgId,
        };
      }
    }
  }
}
