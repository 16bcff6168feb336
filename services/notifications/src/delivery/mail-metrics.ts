import { Inject, Injectable } from '@nestjs/common';
import { METRICS, ServiceMetrics } from '@tochka/runtime';
import { NOTIFICATION_MODEL, NotificationModel } from './notification.model';

/**
 * Mail in numbers: `tochka_mails_total{outcome}` counts what this process queued, sent, had
 * refused for a retry, and gave up on; `tochka_mail_queue{status}` is the whole log by status
 * (queued = waiting to be sent), counted when scraped.
 */
@Injectable()
export class MailMetrics {
  private readonly mails;

  constructor(@Inject(METRICS) metrics: ServiceMetrics, @Inject(NOTIFICATION_MODEL) notifications: NotificationModel) {
    this.mails = metrics.counter('tochka_mails_total', 'Mails queued, sent, retried and failed by this process', ['outcome']);
    for (const outcome of ['queued', 'sent', 'retry', 'failed']) this.mails.inc({ outcome }, 0);
    metrics.gauge('tochka_mail_queue', 'Notifications by status (queued: waiting to be sent)', ['status'], async (g) => {
      for (const status of ['queued', 'sent', 'failed'] as const) g.set({ status }, await notifications.countDocuments({ status }));
    });
  }

  count(outcome: 'queued' | 'sent' | 'retry' | 'failed', n = 1): void {
    if (n > 0) this.mails.inc({ outcome }, n);
  }
}
