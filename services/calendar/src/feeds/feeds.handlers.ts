import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { calendarRpcs, RpcRequest } from '@tochka/contracts';
import { OnRequest } from '@tochka/messaging';
import { FeedsService } from './feeds.service';
import { SubscriptionsService } from './subscriptions.service';

type Req<K extends keyof typeof calendarRpcs> = RpcRequest<(typeof calendarRpcs)[K]>;

/** NATS entry points of iCal subscriptions and feeds. */
@Controller()
export class FeedsHandlers {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly feeds: FeedsService,
  ) {}

  @OnRequest(calendarRpcs.subscribe)
  subscribe(@Payload() req: Req<'subscribe'>) {
    return this.subscriptions.create(req.actor, req.scope, req.idempotencyKey);
  }

  @OnRequest(calendarRpcs.listSubscriptions)
  list(@Payload() req: Req<'listSubscriptions'>) {
    return this.subscriptions.list(req.actor);
  }

  @OnRequest(calendarRpcs.revoke)
  revoke(@Payload() req: Req<'revoke'>) {
    return this.subscriptions.revoke(req.actor, req.id);
  }

  @OnRequest(calendarRpcs.resolve)
  resolve(@Payload() req: Req<'resolve'>) {
    return this.subscriptions.resolve(req.token);
  }

  @OnRequest(calendarRpcs.feed)
  feed(@Payload() req: Req<'feed'>) {
    return this.feeds.feed(calendarRpcs.feed.request.parse(req));
  }
}
