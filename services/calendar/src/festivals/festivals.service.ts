import { Inject, Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { z } from 'zod';
import { Actor, errors, Festival, festivalInputSchema } from '@tochka/contracts';
import { insertUnlessDuplicate, keyedId } from '@tochka/messaging';
import { Clock, CLOCK, paginate } from '@tochka/runtime';
import { assertCoordinator } from '../events/event-rules';
import { objectId } from '../events/event.mapper';
import { FESTIVAL_MODEL, FestivalModel, toFestival } from './festival.model';

/** Festivals: announced by the coordinator; their programme is the events that name them. */
@Injectable()
export class FestivalsService {
  constructor(
    @Inject(FESTIVAL_MODEL) private readonly festivals: FestivalModel,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** With a key (the district's data) creating it again returns the one already there. */
  async create(actor: Actor, input: z.output<typeof festivalInputSchema>, key?: string): Promise<Festival> {
    assertCoordinator(actor, 'Объявить фестиваль');
    const _id = new Types.ObjectId(key ? keyedId('festival', key) : undefined);
    const doc = { _id, ...input, createdAt: this.clock.now() };
    if (!(await insertUnlessDuplicate(this.festivals.create(doc)))) return this.get(_id.toHexString());
    return toFestival(doc);
  }

  list(query: { page: number; limit: number }) {
    return paginate(this.festivals, {}, { startDate: -1 }, query, toFestival);
  }

  async get(id: string): Promise<Festival> {
    const festival = await this.find(id);
    if (!festival) throw errors.notFound('Фестиваль не найден');
    return festival;
  }

  async find(id: string): Promise<Festival | null> {
    const _id = objectId(id);
    const doc = _id ? await this.festivals.findById(_id).lean() : null;
    return doc ? toFestival(doc) : null;
  }
}
