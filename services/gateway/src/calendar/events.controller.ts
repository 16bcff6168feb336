import { Controller, Get, Header, HttpCode, Inject, Patch, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import {
  Actor,
  approveSchema,
  calendarEventSchema,
  calendarRpcs,
  cancelSchema,
  eventInputSchema,
  eventListQuerySchema,
  eventPatchSchema,
  eventResultSchema,
  pageOf,
  rejectSchema,
  reportSchema,
  rescheduleSchema,
} from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { renderCalendar } from '@tochka/ical';
import { BUS, CONFIG } from '@tochka/runtime';
import type { GatewayConfig } from '../config';
import { CurrentActor, Roles } from '../auth/actor';
import { Doc, IdParam, ValidBody, ValidQuery } from '../http/route';
import { IdempotencyKey } from '../http/idempotency-key';
import { Creates } from '../http/creation-rate';

/** Joint events: proposal, approval and the rest of the lifecycle. The calendar service decides who may act. */
@Controller('api/events')
export class EventsController {
  constructor(
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post()
  @Creates()
  @Roles('centre_head', 'coordinator')
  @Doc({
    summary: 'Предложить мероприятие (руководитель центра — от своей организации; координатор — от любой)',
    description: 'Заголовок Idempotency-Key: повтор запроса с тем же ключом возвращает то же предложение и ничего не создаёт.',
    response: eventResultSchema,
    status: 201,
  })
  propose(
    @CurrentActor() actor: Actor,
    @ValidBody(eventInputSchema) event: z.input<typeof eventInputSchema>,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ) {
    return this.bus.rpc.request(calendarRpcs.propose, { actor, event, ...(idempotencyKey ? { idempotencyKey } : {}) });
  }

  @Get()
  @Doc({ summary: 'Мероприятия: по периоду, организации, соглашению, фестивалю, статусу, формату', response: pageOf(calendarEventSchema) })
  list(@CurrentActor() actor: Actor, @ValidQuery(eventListQuerySchema) query: z.input<typeof eventListQuerySchema>) {
    return this.bus.rpc.request(calendarRpcs.list, { actor, ...query });
  }

  @Get(':id')
  @Doc({ summary: 'Мероприятие', response: calendarEventSchema })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.bus.rpc.request(calendarRpcs.get, { actor, id });
  }

  @Get(':id/ics')
  @Header('Cache-Control', 'private, no-cache')
  @Doc({ summary: 'Мероприятие файлом .ics (для импорта в календарь), время московское', contentType: 'text/calendar' })
  async ics(@CurrentActor() actor: Actor, @IdParam() id: string, @Res({ passthrough: true }) res: Response) {
    const event = await this.bus.rpc.request(calendarRpcs.get, { actor, id });
    res.type('text/calendar; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="event-${id}.ics"; filename*=UTF-8''${encodeURIComponent(event.title.slice(0, 80))}.ics`);
    return renderCalendar([event], { publicUrl: this.config.PUBLIC_URL, name: event.title });
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Doc({ summary: 'Согласовать и включить в план района (координатор)', response: eventResultSchema })
  approve(@CurrentActor() actor: Actor, @IdParam() id: string, @ValidBody(approveSchema) body: z.input<typeof approveSchema>) {
    return this.bus.rpc.request(calendarRpcs.approve, { actor, id, ...body });
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Doc({ summary: 'Отклонить с указанием причины (координатор)', response: eventResultSchema })
  reject(@CurrentActor() actor: Actor, @IdParam() id: string, @ValidBody(rejectSchema) body: z.input<typeof rejectSchema>) {
    return this.bus.rpc.request(calendarRpcs.reject, { actor, id, ...body });
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @Doc({ summary: 'Перенести на другое время (то же мероприятие; SEQUENCE в iCal растёт)', response: eventResultSchema })
  reschedule(@CurrentActor() actor: Actor, @IdParam() id: string, @ValidBody(rescheduleSchema) time: z.input<typeof rescheduleSchema>) {
    return this.bus.rpc.request(calendarRpcs.reschedule, { actor, id, time });
  }

  @Patch(':id')
  @Doc({ summary: 'Изменить описание, помещение, партнёров, вместимость и другие поля', response: eventResultSchema })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @ValidBody(eventPatchSchema) patch: z.input<typeof eventPatchSchema>) {
    return this.bus.rpc.request(calendarRpcs.update, { actor, id, patch });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Doc({ summary: 'Отменить с указанием причины', response: eventResultSchema })
  cancel(@CurrentActor() actor: Actor, @IdParam() id: string, @ValidBody(cancelSchema) body: z.input<typeof cancelSchema>) {
    return this.bus.rpc.request(calendarRpcs.cancel, { actor, id, ...body });
  }

  @Post(':id/report')
  @HttpCode(200)
  @Doc({ summary: 'Отметить проведённым: число участников и краткий отчёт (после окончания)', response: eventResultSchema })
  report(@CurrentActor() actor: Actor, @IdParam() id: string, @ValidBody(reportSchema) body: z.input<typeof reportSchema>) {
    return this.bus.rpc.request(calendarRpcs.report, { actor, id, ...body });
  }
}
