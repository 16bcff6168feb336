import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { notificationListQuerySchema, notificationRpcs, RpcRequest } from '@tochka/contracts';
import { OnRequest } from '@tochka/messaging';
import { DeliveryLog } from './delivery-log.service';

@Controller()
export class DeliveryLogHandlers {
  constructor(private readonly log: DeliveryLog) {}

  @OnRequest(notificationRpcs.list)
  list(@Payload() req: RpcRequest<typeof notificationRpcs.list>) {
    return this.log.list(req.actor, notificationListQuerySchema.parse(req.query));
  }

  @OnRequest(notificationRpcs.retry)
  retry(@Payload() req: RpcRequest<typeof notificationRpcs.retry>) {
    return this.log.retry(req.actor, req.id);
  }
}
