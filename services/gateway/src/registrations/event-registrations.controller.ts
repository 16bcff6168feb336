import { Controller, Get, HttpCode, Inject, Post, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { Actor, attendanceSummarySchema, availabilitySchema, registrationDetailsSchema, registrationInputSchema, registrationRpcs } from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS } from '@tochka/runtime';
import { CurrentActor, Roles } from '../auth/actor';
import { Doc, IdParam, ValidBody } from '../http/route';
import { IDEMPOTENT_REPLAYED_HEADER, IdempotencyKey } from '../http/idempotency-key';
import { Creates } from '../http/creation-rate';

const attendanceBody = registrationRpcs.recordAttendance.request.omit({ actor: true, eventId: true });
const settingsBody = registrationRpcs.setSettings.request.omit({ actor: true, eventId: true });

/** Registrations as seen from one event: register a group, the list, attendance, settings. */
@Controller('api/events')
export class EventRegistrationsController {
  constructor(@Inject(BUS) private readonly bus: MessageBus) {}

  @Post(':id/registrations')
  @Creates()
  @Roles('kindergarten', 'centre_head', 'staff')
  @Doc({
    summary: 'Записать группу своей организации на мероприятие',
    description:
      'Подтверждается, пока есть места; иначе — лист ожидания с номером очереди. Заголовок Idempotency-Key: повтор запроса с тем же ключом ' +
      'возвращает ту же запись и ничего не создаёт (в ответе заголовок Idempotent-Replayed: true).',
    response: registrationDetailsSchema,
    status: 201,
    responseHeaders: { [IDEMPOTENT_REPLAYED_HEADER]: '«true», если это повтор ответа на запрос с тем же Idempotency-Key' },
  })
  async register(
    @CurrentActor() actor: Actor,
    @IdParam() eventId: string,
    @ValidBody(registrationInputSchema) registration: z.input<typeof registrationInputSchema>,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const answer = await this.bus.rpc.request(registrationRpcs.create, { actor, eventId, registration, ...(idempotencyKey ? { idempotencyKey } : {}) });
    if (answer.replayed) res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
    return answer.registration;
  }

  @Get(':id/registrations')
  @Doc({
    summary: 'Записи на мероприятие в порядке поступления и свободные места',
    description: 'Руководитель центра-организатора и координатор видят все записи, остальные — только записи своей организации.',
    response: registrationRpcs.listForEvent.response,
  })
  list(@CurrentActor() actor: Actor, @IdParam() eventId: string) {
    return this.bus.rpc.request(registrationRpcs.listForEvent, { actor, eventId });
  }

  @Post(':id/attendance')
  @HttpCode(200)
  @Roles('centre_head', 'coordinator')
  @Doc({ summary: 'Отметить посещаемость после мероприятия (руководитель центра-организатора, координатор)', response: attendanceSummarySchema })
  attendance(@CurrentActor() actor: Actor, @IdParam() eventId: string, @ValidBody(attendanceBody) body: z.input<typeof attendanceBody>) {
    return this.bus.rpc.request(registrationRpcs.recordAttendance, { actor, eventId, ...body });
  }

  @Put(':id/registration-settings')
  @Roles('centre_head', 'coordinator')
  @Doc({
    summary: 'Условия записи: не больше N групп от одной организации (руководитель центра-организатора, координатор)',
    response: availabilitySchema,
  })
  settings(@CurrentActor() actor: Actor, @IdParam() eventId: string, @ValidBody(settingsBody) body: z.input<typeof settingsBody>) {
    return this.bus.rpc.request(registrationRpcs.setSettings, { actor, eventId, ...body });
  }
}
