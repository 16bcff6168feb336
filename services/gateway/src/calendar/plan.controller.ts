import { Controller, Get, Inject } from '@nestjs/common';
import { z } from 'zod';
import { Actor, calendarRpcs, planQuerySchema, planSchema } from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS } from '@tochka/runtime';
import { CurrentActor } from '../auth/actor';
import { Doc, ValidQuery } from '../http/route';

/** The district plan-schedule the methodist publishes. */
@Controller('api/plan')
export class PlanController {
  constructor(@Inject(BUS) private readonly bus: MessageBus) {}

  @Get()
  @Doc({ summary: 'План-график сетевых мероприятий на учебный год по месяцам (фильтры: организация, направление, формат)', response: planSchema })
  plan(@CurrentActor() actor: Actor, @ValidQuery(planQuerySchema) query: z.input<typeof planQuerySchema>) {
    return this.bus.rpc.request(calendarRpcs.plan, { actor, ...query });
  }
}
