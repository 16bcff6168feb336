import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { calendarRpcs, RpcRequest } from '@tochka/contracts';
import { OnRequest } from '@tochka/messaging';
import { EventQueries } from '../events/event-queries';
import { FestivalsService } from './festivals.service';

type Req<K extends keyof typeof calendarRpcs> = RpcRequest<(typeof calendarRpcs)[K]>;

/** NATS entry points of festivals; a festival's programme is its events. */
@Controller()
export class FestivalsHandlers {
  constructor(
    private readonly festivals: FestivalsService,
    private readonly events: EventQueries,
  ) {}

  @OnRequest(calendarRpcs.createFestival)
  create(@Payload() req: Req<'createFestival'>) {
    const { actor, festival, key } = calendarRpcs.createFestival.request.parse(req);
    return this.festivals.create(actor, festival, key);
  }

  @OnRequest(calendarRpcs.listFestivals)
  list(@Payload() req: Req<'listFestivals'>) {
    return this.festivals.list(calendarRpcs.listFestivals.request.parse(req));
  }

  @OnRequest(calendarRpcs.getFestival)
  async get(@Payload() req: Req<'getFestival'>) {
    const festival = await this.festivals.get(req.id);
    return { ...festival, program: await this.events.program(req.actor, festival.id) };
  }
}
