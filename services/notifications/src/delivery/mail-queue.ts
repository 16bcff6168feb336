import { Inject, Injectable } from '@nestjs/common';
import { CalendarEvent, NotificationTemplate } from '@tochka/contracts';
import { renderCalendar } from '@tochka/ical';
import { currentTraceparent, insertUnlessDuplicate } from '@tochka/messaging';
import { Clock, CLOCK, CONFIG } from '@tochka/runtime';
import { NotificationsConfig } from '../config';
import { Recipient } from '../read-models/recipient';
import { PreferencesService } from '../preferences/preferences.service';
import { Links, linksFor, renderMail, templateCategory, TemplateInput } from '../templates';
import { NOTIFICATION_MODEL, notificationId, NotificationModel } from './notification.model';
import { Sender } from './sender';
import { laneOf } from './claims';
import { MailMetrics } from './mail-metrics';

/** One mail the planners decided on: to whom, which template with what, and an invitation to attach. */
export type PlannedMail = {
  [T in NotificationTemplate]: {
    to: Recipient;
    template: T;
    input: TemplateInput<T>;
    calendar?: { method: 'REQUEST' | 'CANCEL'; event: CalendarEvent };
  };
}[NotificationTemplate];

/** What a mail answers: a bus event, or a scheduled occasion (`reminder:…`, `digest:…`). */
export interface MailSource {
  id: string;
  type: string;
}

/**
 * Turns planned mails into queued notifications: drops the ones their recipient switched off,
 * renders each (subject, text, HTML, .ics) once, and inserts it unless the same
 * (source, recipient, template) is already there — so a redelivered event queues nothing new.
 */
@Injectable()
export class MailQueue {
  private readonly links: Links;

  constructor(
    @Inject(NOTIFICATION_MODEL) private readonly notifications: NotificationModel,
    private readonly preferences: PreferencesService,
    private readonly sender: Sender,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    private readonly mailMetrics: MailMetrics,
  ) {
    this.links = linksFor(config.PUBLIC_URL);
  }

  /** Returns how many new notifications were queued. */
  async enqueue(source: MailSource, planned: PlannedMail[]): Promise<number> {
    const unique = new Map<string, PlannedMail>();
    for (const p of planned) {
      const key = `${p.to.email.toLowerCase()}|${p.template}`;
      if (!unique.has(key)) unique.set(key, { ...p, to: { ...p.to, email: p.to.email.toLowerCase() } });
    }
    const wanted = await this.preferences.filterOptedOut([...unique.values()], (p) => ({ email: p.to.email, category: templateCategory[p.template] }));
    let queued = 0;
    for (const p of wanted) {
      if (await this.insert(source, p)) queued++;
    }
    this.mailMetrics.count('queued', queued);
    if (queued) this.sender.wake();
    return queued;
  }

  /** One insert: the log entry with its rendered body, so a crash leaves either the whole mail or nothing (and the redelivery queues it). */
  private async insert(source: MailSource, p: PlannedMail): Promise<boolean> {
    const now = this.clock.now();
    const mail = renderMail(p.template, p.input as never, this.links, p.to.name);
    const calendar = p.calendar && {
      method: p.calendar.method,
      content: renderCalendar([p.calendar.event], { method: p.calendar.method, publicUrl: this.config.PUBLIC_URL, now }),
    };
    // A mail already queued or sent (a redelivered event) is a duplicate: nothing is written, and
    // a sent mail's body stays gone.
    const _id = notificationId(source.id, p.to.email, p.template);
    return insertUnlessDuplicate(
      this.notifications.create({
        _id,
        sourceEventId: source.id,
        sourceType: source.type,
        recipient: p.to.email,
        ...(p.to.name ? { recipientName: p.to.name } : {}),
        template: p.template,
        category: templateCategory[p.template],
        subject: mail.subject,
        hasCalendar: !!calendar,
        body: { text: mail.text, html: mail.html, ...(calendar ? { calendar } : {}) },
        status: 'queued',
        attempts: 0,
        lane: laneOf(_id),
        nextAttemptAt: now,
        createdAt: now,
        ...(currentTraceparent() ? { traceparent: currentTraceparent() } : {}),
      }),
    );
  }
}
