import { Controller, Delete, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { z } from 'zod';
import { Actor, calendarRpcs, feedScopeSchema, Subscription, subscriptionSchema } from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS, CONFIG } from '@tochka/runtime';
import { CurrentActor } from '../auth/actor';
import { GatewayConfig } from '../config';
import { Doc, IdParam, ValidBody } from '../http/route';
import { Creates } from '../http/creation-rate';
import { IdempotencyKey } from '../http/idempotency-key';
import { IcalFeeds } from './ical-feeds';

const createBody = z.strictObject({ scope: feedScopeSchema });
const withUrls = subscriptionSchema.extend({
  /** The secret address of the feed: shown once, keep it private. */
  url: z.url(),
  /** The same address for calendar apps (webcal://). */
  webcalUrl: z.string(),
});

/** A user's iCal subscriptions: create (the secret address is shown once), list, revoke. */
@Controller('api/calendar-subscriptions')
export class SubscriptionsController {
  constructor(
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(CONFIG) private readonly config: GatewayConfig,
    private readonly feeds: IcalFeeds,
  ) {}

  @Post()
  @Creates()
  @Doc({
    summary: 'Подписаться на календарь: организации, соглашения, фестиваля, плана района или «мои мероприятия»',
    description:
      'Ответ — единственный раз, когда сообщается секретный адрес календаря. Заголовок Idempotency-Key: повтор запроса с тем же ключом сообщает тот же адрес и второй подписки не создаёт.',
    response: withUrls,
    status: 201,
  })
  async create(
    @CurrentActor() actor: Actor,
    @ValidBody(createBody) body: z.input<typeof createBody>,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<Subscription & { url: string; webcalUrl: string }> {
    const { subscription, token } = await this.bus.rpc.request(calendarRpcs.subscribe, { actor, scope: body.scope, idempotencyKey });
    const url = `${this.config.PUBLIC_URL.replace(/\/+$/, '')}/ical/${token}.ics`;
    return { ...subscription, url, webcalUrl: url.replace(/^https?:\/\//, 'webcal://') };
  }

  @Get()
  @Doc({ summary: 'Мои подписки на календари (без секретных адресов)', response: z.strictObject({ items: z.array(subscriptionSchema) }) })
  list(@CurrentActor() actor: Actor) {
    return this.bus.rpc.request(calendarRpcs.listSubscriptions, { actor });
  }

  @Delete(':id')
  @HttpCode(204)
  @Doc({ summary: 'Отозвать подписку: её адрес перестаёт работать', status: 204 })
  async revoke(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<void> {
    await this.bus.rpc.request(calendarRpcs.revoke, { actor, id });
    // The calendar's `subscription.revoked` tells every gateway; this one need not wait for it.
    this.feeds.forget();
  }
}
