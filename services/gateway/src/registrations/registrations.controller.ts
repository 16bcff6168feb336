import { Controller, Get, HttpCode, Inject, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import { Actor, pageOf, registrationDetailsSchema, registrationListQuerySchema, registrationPatchSchema, registrationRpcs } from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS } from '@tochka/runtime';
import { CurrentActor, Roles } from '../auth/actor';
import { Doc, IdParam, ValidBody, ValidQuery } from '../http/route';

const cancelBody = registrationRpcs.cancel.request.omit({ actor: true, id: true });

/** One organisation's registrations, and one registration: read, change, cancel. */
@Controller('api/registrations')
export class RegistrationsController {
  constructor(@Inject(BUS) private readonly bus: MessageBus) {}

  @Get()
  @Doc({ summary: 'Записи моей организации (координатор — любой, через organizationId)', response: pageOf(registrationDetailsSchema) })
  list(@CurrentActor() actor: Actor, @ValidQuery(registrationListQuerySchema) query: z.input<typeof registrationListQuerySchema>) {
    return this.bus.rpc.request(registrationRpcs.list, { actor, ...query });
  }

  @Get(':id')
  @Doc({ summary: 'Запись группы на мероприятие', response: registrationDetailsSchema })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.bus.rpc.request(registrationRpcs.get, { actor, id });
  }

  @Patch(':id')
  @Doc({
    summary: 'Изменить число детей, сопровождающих, контакты, примечания',
    description: 'Подтверждённую группу можно увеличить только на свободные места (иначе 409 с числом свободных мест); уменьшить — всегда.',
    response: registrationDetailsSchema,
  })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @ValidBody(registrationPatchSchema) patch: z.input<typeof registrationPatchSchema>) {
    return this.bus.rpc.request(registrationRpcs.update, { actor, id, patch });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Doc({ summary: 'Отменить запись; освободившиеся места сразу получает лист ожидания', response: registrationDetailsSchema })
  cancel(@CurrentActor() actor: Actor, @IdParam() id: string, @ValidBody(cancelBody) body: z.input<typeof cancelBody>) {
    return this.bus.rpc.request(registrationRpcs.cancel, { actor, id, ...body });
  }

  @Post(':id/anonymize')
  @HttpCode(200)
  @Roles('coordinator')
  @Doc({
    summary: 'Обезличить запись после мероприятия: удалить ФИО и телефоны сопровождающих, e-mail и примечания (координатор)',
    description: 'Число детей, статус и посещаемость остаются. Удаляются и прежние версии записи; никому не отправляется письмо. Повтор отвечает тем же.',
    response: registrationDetailsSchema,
  })
  anonymize(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.bus.rpc.request(registrationRpcs.anonymize, { actor, id });
  }
}
