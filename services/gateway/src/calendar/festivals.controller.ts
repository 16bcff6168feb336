import { Controller, Get, Inject, Post } from '@nestjs/common';
import { z } from 'zod';
import { Actor, calendarRpcs, festivalInputSchema, festivalSchema, festivalWithProgramSchema, pageOf, paginationSchema } from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS } from '@tochka/runtime';
import { CurrentActor, Roles } from '../auth/actor';
import { Doc, IdParam, ValidBody, ValidQuery } from '../http/route';
import { Creates } from '../http/creation-rate';

/** Festivals of the centres; a festival's programme is the events that name it. */
@Controller('api/festivals')
export class FestivalsController {
  constructor(@Inject(BUS) private readonly bus: MessageBus) {}

  @Post()
  @Creates()
  @Roles('coordinator')
  @Doc({ summary: 'Объявить фестиваль (координатор)', response: festivalSchema, status: 201 })
  create(@CurrentActor() actor: Actor, @ValidBody(festivalInputSchema) festival: z.input<typeof festivalInputSchema>) {
    return this.bus.rpc.request(calendarRpcs.createFestival, { actor, festival });
  }

  @Get()
  @Doc({ summary: 'Фестивали', response: pageOf(festivalSchema) })
  list(@ValidQuery(paginationSchema) query: z.input<typeof paginationSchema>) {
    return this.bus.rpc.request(calendarRpcs.listFestivals, query);
  }

  @Get(':id')
  @Doc({ summary: 'Фестиваль с программой', response: festivalWithProgramSchema })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.bus.rpc.request(calendarRpcs.getFestival, { actor, id });
  }
}
