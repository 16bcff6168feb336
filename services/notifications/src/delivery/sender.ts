import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Clock, CLOCK, CONFIG, Logger, LOGGER } from '@tochka/runtime';
import { NotificationsConfig } from '../config';
import { CLAIM_MODEL, claimKey, ClaimModel, takeClaims } from './claims';
import { isOutage, Mailer } from './mailer';
import { MailBody, NOTIFICATION_MODEL, NotificationDoc, NotificationModel } from './notification.model';
import { MailMetrics } from './mail-metrics';
import { contextOf, IdlePoll, inSpan, SpanKind } from '@tochka/messaging';

/**
 * Where older versions kept a mail's body (a document of its own under the notification's id):
 * a mail queued or failed before the upgrade still has its body there, and is sent from it.
 */
const LEGACY_BODIES = 'notification_contents';

/** Mails of a batch still being sent → the lease extension under way for each, if any. */
type InFlight = Map<string, Promise<void> | undefined>;
/** Batches one instance sends at once. */
const BATCHES_IN_FLIGHT = 2;

/**
 * Sends what is queued. Each instance claims a batch of due mails (a unique claim key per mail
 * and generation, so two instances never hold the same mail — see claims.ts), sends them
 * through the pooled transport, then records the outcome:
 * - accepted → `sent` with the SMTP message id;
 * - refused by the server → retry with backoff, `failed` after NOTIFICATION_MAX_ATTEMPTS;
 * - server unreachable → nothing is spent: the mail waits, and this instance stops claiming
 *   until NOTIFICATION_OUTAGE_RETRY_MS has passed, then probes with one mail at a time until
 *   one goes through; what queued during an outage goes out after it.
 * A claim is a short lease (NOTIFICATION_LEASE_MS) that the sender extends every third of it
 * while the mail is with the SMTP server, so a slow server never lets a second instance take the
 * mail, and a mail claimed by an instance that died is due again soon after. Two batches are in
 * flight at once, so claiming the next overlaps sending the last. The outcome is
 * recorded the moment the server answers (and written again until the database takes it, so a
 * database outage sends nothing twice). The one remaining duplicate: the server accepted the
 * mail and the instance died before that write — then the mail goes again after the lease,
 * with the same Message-ID (`<notification id@domain>`), so clients can tell it is the same.
 */
@Injectable()
export class Sender implements OnApplicationBootstrap, OnModuleDestroy {
  private poll?: IdlePoll;
  private stopped = false;
  private pausedUntil = 0;
  /** After an outage, one mail at a time probes the server until one goes through. */
  private probing = false;
  private claimsSweptAt = 0;

  constructor(
    @Inject(NOTIFICATION_MODEL) private readonly notifications: NotificationModel,
    @Inject(CLAIM_MODEL) private readonly claims: ClaimModel,
    private readonly mailer: Mailer,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly mailMetrics: MailMetrics,
  ) {}

  onApplicationBootstrap(): void {
    if (this.poll) return; // bootstrap hooks may run twice (see Periodic.start)
    const base = this.config.NOTIFICATION_POLL_MS;
    this.poll = new IdlePoll(
      () =>
        this.drain().catch((err: Error) => {
          this.logger.error({ err: err.message }, 'notification sender failed');
          return true;
        }),
      base,
      Math.max(base, this.config.NOTIFICATION_POLL_IDLE_MS ?? 10 * base),
    );
    this.poll.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.poll?.stop();
    this.mailer.close();
  }

  /** Look for due mails now (called after every enqueue; otherwise the poll looks, less often while idle). */
  wake(): void {
    if (!this.stopped) this.poll?.runNow();
  }

  /**
   * Claims and sends batch after batch, two at a time: the next batch is claimed (bodies
   * included) while the previous one is with the SMTP server, so the database's round trips
   * overlap the sending instead of adding to it. Resolves whether there was anything to send.
   */
  private async drain(): Promise<boolean> {
    await this.forgetOldClaims();
    const sending = new Set<Promise<void>>();
    let found = false;
    try {
      while (!this.stopped && this.clock.now().getTime() >= this.pausedUntil) {
        if (sending.size >= BATCHES_IN_FLIGHT) {
          await Promise.race(sending);
          continue;
        }
        const { token, batch } = await this.claim();
        if (!batch.length) break;
        found = true;
        const sent = this.sendBatch(token, batch).finally(() => sending.delete(sent));
        sending.add(sent);
      }
    } finally {
      await Promise.allSettled(sending);
    }
    return found;
  }

  private async sendBatch(token: string, batch: NotificationDoc[]): Promise<void> {
    const inFlight: InFlight = new Map(batch.map((n) => [n._id.toHexString(), undefined]));
    const heartbeat = setInterval(() => this.extendLeases(inFlight, token), Math.max(100, Math.floor(this.config.NOTIFICATION_LEASE_MS / 3)));
    try {
      await Promise.all(batch.map((n) => this.deliver(n, token, inFlight)));
    } finally {
      clearInterval(heartbeat);
    }
  }

  /**
   * Push the lease of every mail still being sent one lease ahead. A mail's outcome is written
   * only after its last extension has finished (see `settle`): on FerretDB an update replaces the
   * whole document, so an extension landing after the outcome would bring the mail back.
   */
  private extendLeases(inFlight: InFlight, token: string): void {
    const until = new Date(this.clock.now().getTime() + this.config.NOTIFICATION_LEASE_MS);
    for (const [id, beating] of inFlight) {
      if (beating !== undefined) continue; // the previous extension is still on its way
      const beat = this.notifications
        .updateOne({ _id: id, claimToken: token, status: 'queued' }, { $set: { nextAttemptAt: until } })
        .then(
          () => undefined,
          (err: Error) => this.logger.warn({ notification: id, err: err.message }, 'could not extend a mail lease'),
        )
        .finally(() => {
          if (inFlight.get(id) === beat) inFlight.set(id, undefined);
        });
      inFlight.set(id, beat);
    }
  }

  /** The send is over: no more extensions for this mail, and none still under way. */
  private async settle(inFlight: InFlight, id: string): Promise<void> {
    const beating = inFlight.get(id);
    inFlight.delete(id);
    await beating;
  }

  /** Claims only matter while a read could still be stale: a day is plenty. Once an hour per instance. */
  private async forgetOldClaims(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.claimsSweptAt < 3600_000) return;
    this.claimsSweptAt = now;
    await this.claims.deleteMany({ at: { $lt: new Date(now - 86_400_000) } });
  }

  private async claim(): Promise<{ token: string; batch: NotificationDoc[] }> {
    const now = this.clock.now();
    const token = randomUUID();
    const leaseMs = this.config.NOTIFICATION_LEASE_MS;
    // No sort: any due mail will do, and FerretDB sorts by reading every queued document, while
    // without one it stops at the limit (a 7× difference with 5,000 queued).
    const due = await this.notifications
      .find({ status: 'queued', nextAttemptAt: { $lte: now } })
      .select('+body')
      .limit(this.probing ? 1 : this.config.NOTIFICATION_BATCH_SIZE)
      .lean();
    if (!due.length) return { token, batch: [] };
    const keyOf = (n: NotificationDoc) => claimKey(n._id.toHexString(), n.generation, now, leaseMs);
    const won = await takeClaims(this.claims, due.map(keyOf), now);
    // Take the lease and move to the next generation. Our read may predate another instance's
    // claim: the generation in the filter drops what is no longer as we read it. One write per
    // mail, by `_id`: FerretDB answers `_id` equality much faster than an `$in` list, which it scans.
    const batch: NotificationDoc[] = [];
    await Promise.all(
      due
        .filter((n) => won.has(keyOf(n)))
        .map(async (n) => {
          const res = await this.notifications.updateOne(
            { _id: n._id, status: 'queued', generation: n.generation },
            { $set: { claimToken: token, nextAttemptAt: new Date(now.getTime() + leaseMs) }, $inc: { generation: 1 } },
          );
          if (res.modifiedCount === 1) batch.push(n);
        }),
    );
    return { token, batch };
  }

  private async deliver(n: NotificationDoc, token: string, inFlight: InFlight): Promise<void> {
    const mine = { _id: n._id, claimToken: token, status: 'queued' };
    const body = n.body ?? (await this.legacyBody(n));
    if (!body) {
      await this.settle(inFlight, n._id.toHexString());
      // Written in the same insert as the rest, so never missing unless someone removed it: fail visibly.
      await this.recordFailure(n, mine, new Error('mail content missing'));
      return;
    }
    let result: { messageId: string; response: string };
    try {
      result = await inSpan(
        `mail ${n.template}`,
        SpanKind.CLIENT,
        contextOf(n.traceparent),
        { 'tochka.service': 'notifications', 'mail.template': n.template },
        () => this.mailer.send(n, body),
      );
    } catch (err) {
      await this.settle(inFlight, n._id.toHexString());
      await this.recordFailure(n, mine, err as Error & { code?: string });
      return;
    }
    await this.settle(inFlight, n._id.toHexString());
    this.probing = false;
    await this.recordSent(n, result);
    this.mailMetrics.count('sent');
    if (!n.body) await this.notifications.db.collection(LEGACY_BODIES).deleteOne({ _id: n._id });
  }

  /** The body of a mail queued before bodies moved into their notification (see LEGACY_BODIES). */
  private async legacyBody(n: NotificationDoc): Promise<MailBody | undefined> {
    const doc = await this.notifications.db.collection<MailBody & { _id: Types.ObjectId }>(LEGACY_BODIES).findOne({ _id: n._id });
    return doc ? { text: doc.text, html: doc.html, ...(doc.calendar ? { calendar: doc.calendar } : {}) } : undefined;
  }

  /**
   * The SMTP server has the mail: write `sent` until the database takes it, and with it drop the
   * body (the log keeps who, what, when and the SMTP id; the body — children, phones — need not
   * outlive its delivery). Had a lost database
   * connection failed this write, the mail would stay queued and go out again after its lease (the
   * fault suite saw it: a FerretDB restart during a mail wave sent three mails twice). So it is
   * retried, every 100 ms growing to 500 ms — soon after the database is back, before a lease ends
   * — as long as the process runs; while stopping, for one lease more at most.
   */
  private async recordSent(n: NotificationDoc, result: { messageId: string; response: string }): Promise<void> {
    const sentAt = this.clock.now();
    let pause = 100;
    let givingUpAt: number | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.notifications.updateOne(
          { _id: n._id, status: 'queued' },
          {
            $set: { status: 'sent', sentAt, smtpMessageId: result.messageId, smtpResponse: result.response },
            $inc: { attempts: 1 },
            $unset: { nextAttemptAt: '', claimToken: '', body: '' },
          },
        );
        if (attempt > 1) this.logger.info({ notification: n._id.toHexString(), attempts: attempt }, 'mail recorded as sent after the database came back');
        return;
      } catch (err) {
        if (attempt === 1) {
          this.logger.warn({ notification: n._id.toHexString(), err: (err as Error).message }, 'mail sent but not recorded yet; retrying the write');
        }
        if (this.stopped) givingUpAt ??= Date.now() + this.config.NOTIFICATION_LEASE_MS;
        if (givingUpAt !== undefined && Date.now() > givingUpAt) throw err;
        await new Promise((r) => setTimeout(r, pause));
        pause = Math.min(pause * 2, 500);
      }
    }
  }

  private async recordFailure(n: NotificationDoc, mine: object, err: Error & { code?: string }): Promise<void> {
    const now = this.clock.now().getTime();
    const lastError = `${err.code ? `${err.code}: ` : ''}${err.message}`.slice(0, 1000);
    if (isOutage(err)) {
      this.pausedUntil = now + this.config.NOTIFICATION_OUTAGE_RETRY_MS;
      this.probing = true;
      this.logger.warn({ err: lastError }, 'SMTP server unreachable; mail stays queued');
      await this.notifications.updateOne(mine, {
        $set: { lastError, nextAttemptAt: new Date(this.pausedUntil) },
        $unset: { claimToken: '' },
      });
      return;
    }
    const attempts = n.attempts + 1;
    if (attempts >= this.config.NOTIFICATION_MAX_ATTEMPTS) {
      this.logger.error({ notification: n._id.toHexString(), template: n.template, attempts, err: lastError }, 'mail failed for good');
      // The body stays: the coordinator's retry (POST /api/notifications/:id/retry) sends it again.
      await this.notifications.updateOne(mine, {
        $set: { status: 'failed', failedAt: new Date(now), attempts, lastError },
        $unset: { nextAttemptAt: '', claimToken: '' },
      });
      this.mailMetrics.count('failed');
      return;
    }
    const backoff = this.config.NOTIFICATION_RETRY_MS;
    const delay = backoff[Math.min(attempts - 1, backoff.length - 1)] ?? 0; // the list is never empty (config)
    this.logger.warn({ notification: n._id.toHexString(), attempts, retryInMs: delay, err: lastError }, 'mail refused; will retry');
    this.mailMetrics.count('retry');
    await this.notifications.updateOne(mine, {
      $set: { attempts, lastError, nextAttemptAt: new Date(now + delay) },
      $unset: { claimToken: '' },
    });
  }
}
