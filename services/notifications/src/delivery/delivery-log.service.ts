import { Inject, Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { z } from 'zod';
import { Actor, addDays, errors, moscowStartOfDay, Notification, notificationListQuerySchema, notificationStatusLabels } from '@tochka/contracts';
import { Clock, CLOCK, Page, paginate } from '@tochka/runtime';
import { NOTIFICATION_MODEL, NotificationDoc, NotificationModel, toNotification } from './notification.model';
import { Sender } from './sender';

/** The coordinator's view of every mail the network sent or tried to send. */
@Injectable()
export class DeliveryLog {
  constructor(
    @Inject(NOTIFICATION_MODEL) private readonly notifications: NotificationModel,
    private readonly sender: Sender,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(actor: Actor, query: z.output<typeof notificationListQuerySchema>): Promise<Page<Notification>> {
    assertCoordinator(actor, 'Журнал рассылки доступен только координатору');
    const createdAt = {
      ...(query.from ? { $gte: moscowStartOfDay(query.from) } : {}),
      ...(query.to ? { $lt: moscowStartOfDay(addDays(query.to, 1)) } : {}),
    };
    const filter = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.recipient ? { recipient: query.recipient.toLowerCase() } : {}),
      ...(query.template ? { template: query.template } : {}),
      ...(query.from || query.to ? { createdAt } : {}),
    };
    return paginate(this.notifications, filter, { createdAt: -1, _id: -1 }, query, toNotification);
  }

  /** Queue a failed mail again with a fresh set of attempts. */
  async retry(actor: Actor, id: string): Promise<Notification> {
    assertCoordinator(actor, 'Повторить отправку может только координатор');
    if (!Types.ObjectId.isValid(id)) throw errors.notFound('Уведомление не найдено');
    const _id = new Types.ObjectId(id);
    const doc = await this.notifications
      .findOneAndUpdate(
        { _id, status: 'failed' },
        { $set: { status: 'queued', attempts: 0, nextAttemptAt: this.clock.now() }, $unset: { failedAt: '' } },
        { returnDocument: 'after' },
      )
      // No projection: FerretDB 1.24's findAndModify refuses any (and the body is one mail's).
      .select('+body')
      .lean<NotificationDoc>();
    if (!doc) {
      const current = await this.notifications.findById(_id).lean();
      if (!current) throw errors.notFound('Уведомление не найдено');
      throw errors.conflict(
        'notification_not_failed',
        `Повторить можно только недоставленное уведомление, а это уведомление ${notificationStatusLabels[current.status]}`,
        { currentStatus: current.status },
      );
    }
    this.sender.wake();
    return toNotification(doc);
  }
}

function assertCoordinator(actor: Actor, message: string): void {
  if (actor.role !== 'coordinator') throw errors.forbidden(message);
}
