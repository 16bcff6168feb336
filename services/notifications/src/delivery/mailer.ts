import { Inject, Injectable } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { CONFIG, HEALTH, HealthChecks } from '@tochka/runtime';
import { NotificationsConfig } from '../config';
import { MailBody, NotificationDoc } from './notification.model';

/** Errors that say the server could not be reached or talked to, not that it refused this mail. */
const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EAUTH', 'ETLS', 'EPROTOCOL']);

export function isOutage(err: unknown): boolean {
  const e = err as { code?: string; responseCode?: number };
  // 421: the server is shutting down or overloaded; nothing is wrong with the message.
  return (!!e.code && UNREACHABLE.has(e.code)) || e.responseCode === 421;
}

/** The one way out of the service: a pooled SMTP transport (SMTP_URL). */
@Injectable()
export class Mailer {
  private readonly transport;
  private readonly domain: string;
  private lastCheck?: { at: number; reachable: Promise<boolean> };
  /**
   * Mails handed to the transport at once: two per pooled connection keep every connection busy;
   * the rest wait here as plain documents instead of each holding a message compiled for a
   * connection (hundreds in flight otherwise: the sender's lanes × their batches).
   */
  private readonly slots: number;
  private sending = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    @Inject(HEALTH) health: HealthChecks,
  ) {
    this.transport = createTransport({
      url: config.SMTP_URL,
      pool: true,
      maxConnections: config.SMTP_POOL_CONNECTIONS,
      // Shorter than nodemailer's defaults (2 and 10 minutes): a hung server turns into a retry
      // instead of a lane the sender keeps holding.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    this.slots = 2 * config.SMTP_POOL_CONNECTIONS;
    this.domain = /@([^\s>]+)>?\s*$/.exec(config.MAIL_FROM)?.[1] ?? 'tochka-rosta.local';
    health.register('smtp', () => this.reachable());
  }

  /** Whether the SMTP server answers a handshake; asked at most every SMTP_HEALTH_TTL_MS. */
  reachable(): Promise<boolean> {
    const now = Date.now();
    if (!this.lastCheck || now - this.lastCheck.at >= this.config.SMTP_HEALTH_TTL_MS) {
      // A server that accepts the connection and then says nothing must not hold the health answer.
      const timeout = new Promise<boolean>((resolve) => setTimeout(resolve, 3_000, false).unref());
      this.lastCheck = {
        at: now,
        reachable: Promise.race([
          this.transport.verify().then(
            () => true,
            () => false,
          ),
          timeout,
        ]),
      };
    }
    return this.lastCheck.reachable;
  }

  /** Send one notification; its Message-ID is derived from its id, so a resend after a crash is recognisably the same mail. */
  async send(n: NotificationDoc, body: MailBody): Promise<{ messageId: string; response: string }> {
    if (this.sending >= this.slots) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.sending++;
    try {
      return await this.deliver(n, body);
    } finally {
      this.sending--;
      this.waiting.shift()?.();
    }
  }

  private async deliver(n: NotificationDoc, body: MailBody): Promise<{ messageId: string; response: string }> {
    const info = await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: n.recipientName ? { name: n.recipientName, address: n.recipient } : n.recipient,
      subject: n.subject,
      text: body.text,
      html: body.html,
      messageId: `<${n._id.toHexString()}@${this.domain}>`,
      ...(body.calendar ? { icalEvent: { method: body.calendar.method, filename: 'invitation.ics', content: body.calendar.content } } : {}),
    });
    return { messageId: info.messageId, response: info.response };
  }

  close(): void {
    this.transport.close();
  }
}
