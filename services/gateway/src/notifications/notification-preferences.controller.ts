import { Controller, Get, Inject, Put } from '@nestjs/common';
import { z } from 'zod';
import { Actor, notificationPreferencesInputSchema, notificationPreferencesViewSchema, notificationRpcs } from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS } from '@tochka/runtime';
import { CurrentActor } from '../auth/actor';
import { Doc, ValidBody } from '../http/route';

/** Each signed-in user's own mail categories: the token says whose, the body cannot name anyone else. */
@Controller('api/me/notification-preferences')
export class NotificationPreferencesController {
  constructor(@Inject(BUS) private readonly bus: MessageBus) {}

  @Get()
  @Doc({ summary: 'Мои настройки уведомлений по категориям писем', response: notificationPreferencesViewSchema })
  get(@CurrentActor() actor: Actor) {
    return this.bus.rpc.request(notificationRpcs.getPreferences, { actor });
  }

  @Put()
  @Doc({
    summary: 'Заменить мои настройки уведомлений (не указанные категории включены; результаты регистрации и запросы подписи отключить нельзя)',
    response: notificationPreferencesViewSchema,
  })
  put(@CurrentActor() actor: Actor, @ValidBody(notificationPreferencesInputSchema) preferences: z.input<typeof notificationPreferencesInputSchema>) {
    return this.bus.rpc.request(notificationRpcs.putPreferences, { actor, preferences });
  }
}
