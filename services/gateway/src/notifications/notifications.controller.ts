import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { z } from 'zod';
import { Actor, notificationListQuerySchema, notificationRpcs, notificationSchema, pageOf } from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS } from '@tochka/runtime';
import { CurrentActor, Roles } from '../auth/actor';
import { Doc, IdParam, ValidQuery } from '../http/route';

/** The delivery log of every mail of the network: the coordinator's alone. */
@Controller('api/notifications')
@Roles('coordinator')
export class NotificationsController {
  constructor(@Inject(BUS) private readonly bus: MessageBus) {}

  @Get()
  @Doc({ summary: 'Журнал рассылки: по статусу, получателю, шаблону, датам (координатор)', response: pageOf(notificationSchema) })
  list(@CurrentActor() actor: Actor, @ValidQuery(notificationListQuerySchema) query: z.input<typeof notificationListQuerySchema>) {
    return this.bus.rpc.request(notificationRpcs.list, { actor, query });
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Doc({ summary: 'Повторить отправку недоставленного письма (координатор)', response: notificationSchema })
  retry(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.bus.rpc.request(notificationRpcs.retry, { actor, id });
  }
}
