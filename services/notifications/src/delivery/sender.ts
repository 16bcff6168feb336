import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Clock, CLOCK, CONFIG, Logger, LOGGER } from '@tochka/runtime';
import { NotificationsConfig } from '../config';
import { CLAIM_MODEL, ClaimModel, extendLane, LANES, laneOf, releaseLane, slotOf, takeLane } from './claims';
import { isOutage, Mailer } from './mailer';
import { MailBody, NOTIFICATION_MODEL, NotificationDoc, NotificationModel } from './notification.model';
import { MailMetrics } from './mail-metrics';
import { contextOf, IdlePoll, inSpan, SpanKind } from '@tochka/messaging';

/**
 * Where older versions kept a mail's body (a document of its own under the notification's id):
 * a mail queued or failed before the upgrade still has its body there, and is sent from it.
 */
const LEGACY_BODIES = 'notification_contents';

/** Lanes one instance sends at once (each its own batch after batch), unless probing after an outage. */
const LANES_IN_FLIGHT = 4;

/** A lane this instance holds: the lease slots it has (see claims.ts), in order. */
interface Hold {
  lane: number;
  slots: number[];
  /** Someone else took it (this holder's slots ran out): send nothing more from it. */
  lost: boolean;
  /** The heartbeat's extension under way, if any. */
  beating?: Promise<void>;
}

/**
 * Sends what is queued. The queue is split into lanes (claims.ts); an instance claims a whole
 * lane with one unique-key insert and is then the only one that sends that lane's mails: it reads
 * the lane's due mails (bodies included), sends them through the pooled transport, records each
 * outcome — the one write per mail — and reads the lane again, until the lane has nothing due;
 * then it gives the lane back. Several lanes are in flight at once, so reading one overlaps
 * sending another, and two instances share the lanes that have work. Outcomes:
 * - accepted → `sent` with the SMTP message id;
 * - refused by the server → retry with backoff, `failed` after NOTIFICATION_MAX_ATTEMPTS;
 * - server unreachable → nothing is spent: the mail waits, and this instance stops claiming
 *   until NOTIFICATION_OUTAGE_RETRY_MS has passed, then probes with one mail at a time until
 *   one goes through; what queued during an outage goes out after it.
 * A lane is held for lease slots of NOTIFICATION_LEASE_MS, the next one always taken ahead by a
 * heartbeat every third of a lease, so a slow server never lets a second instance into a lane
 * while its holder lives, and a lane whose holder died is free one or two leases later; a mail is
 * handed to the server only while its lane is held. The outcome is
 * recorded the moment the server answers (and written again until the database takes it, so a
 * database outage sends nothing twice). The one remaining duplicate: the server accepted the
 * mail and the instance died before that write — then the mail goes again once the lane is free,
 * with the same Message-ID (`<notification id@domain>`), so clients can tell it is the same.
 */
@Injectable()
export class Sender implements OnApplicationBootstrap, OnModuleDestroy {
  private poll?: IdlePoll;
  private heartbeat?: NodeJS.Timeout;
  private stopped = false;
  private pausedUntil = 0;
  /** After an outage, one mail at a time probes the server until one goes through. */
  private probing = false;
  /** Wakes a drain waiting with a single lane in flight once the probe has gone through. */
  private probed: () => void = () => undefined;
  private claimsSweptAt = 0;
  /** Who this instance is in the lane keys. */
  private readonly holder = randomUUID();
  private readonly held = new Map<number, Hold>();

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
    if (this.poll) return; // bootstrap hooks may run twice (see PeriodicTask.onApplicationBootstrap)
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
    this.heartbeat = setInterval(() => this.extendLanes(), Math.max(100, Math.floor(this.config.NOTIFICATION_LEASE_MS / 3)));
    this.poll.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.poll?.stop(); // the lanes in flight finish their sends and are given back
    clearInterval(this.heartbeat);
    this.mailer.close();
  }

  /** Look for due mails now (called after every enqueue; otherwise the poll looks, less often while idle). */
  wake(): void {
    if (!this.stopped) this.poll?.runNow();
  }

  private paused(): boolean {
    return this.clock.now().getTime() < this.pausedUntil;
  }

  /**
   * Finds the lanes with due mails, claims up to LANES_IN_FLIGHT of them and sends each lane dry;
   * whenever a lane is done, looks for another. Resolves whether there was anything to send.
   */
  private async drain(): Promise<boolean> {
    await this.forgetOldClaims();
    const working = new Map<number, Promise<void>>();
    let found = false;
    try {
      while (!this.stopped && !this.paused()) {
        const room = (this.probing ? 1 : LANES_IN_FLIGHT) - working.size;
        if (room <= 0) {
          await this.laneDoneOrProbed(working);
          continue;
        }
        const due = await this.dueLanes();
        found ||= due.size > 0;
        let took = 0;
        // In a random order, so instances looking at once mostly try different lanes.
        for (const [lane, unlaned] of shuffled([...due].filter(([lane]) => !working.has(lane)))) {
          if (took === room) break;
          const hold = await this.takeLane(lane);
          if (!hold) continue;
          took++;
          const run = this.sendLane(hold, unlaned)
            .catch((err: Error) => this.logger.error({ lane, err: err.message }, 'sending a mail lane failed'))
            .finally(() => working.delete(lane));
          working.set(lane, run);
        }
        if (took) continue;
        // Nothing new to take (nothing due, or every due lane held): wait for ours, or stop.
        if (!working.size) break;
        await this.laneDoneOrProbed(working);
      }
    } finally {
      await Promise.allSettled(working.values());
    }
    return found;
  }

  /** Until a lane in flight is done, or a probe went through (then more lanes may be taken). */
  private async laneDoneOrProbed(working: Map<number, Promise<void>>): Promise<void> {
    await Promise.race([...working.values(), new Promise<void>((resolve) => (this.probed = resolve))]);
  }

  /**
   * The lanes that have due mails now, each with the due mails in it that have no lane yet
   * (queued by an older version): their holder gives them theirs. One read of at most LANES
   * mails (FerretDB reads whole documents, so a bigger look costs as much as a batch), ids and
   * lanes only: the lanes of the first mails found are as good as any, and a lane taken is sent dry.
   */
  private async dueLanes(): Promise<Map<number, Types.ObjectId[]>> {
    // No sort: any due mail will do, and FerretDB sorts by reading every queued document, while
    // without one it stops at the limit (a 7× difference with 5,000 queued).
    const due = await this.notifications
      .find({ status: 'queued', nextAttemptAt: { $lte: this.clock.now() } }, { lane: 1 })
      .limit(LANES)
      .lean();
    const lanes = new Map<number, Types.ObjectId[]>();
    for (const n of due) {
      const lane = n.lane ?? laneOf(n._id);
      const unlaned = lanes.get(lane) ?? [];
      if (n.lane === undefined) unlaned.push(n._id);
      lanes.set(lane, unlaned);
    }
    return lanes;
  }

  private async takeLane(lane: number): Promise<Hold | undefined> {
    const now = this.clock.now();
    const slots = await takeLane(this.claims, lane, slotOf(now, this.config.NOTIFICATION_LEASE_MS), this.holder, now);
    if (!slots.length) return undefined;
    const hold: Hold = { lane, slots, lost: false };
    this.held.set(lane, hold);
    return hold;
  }

  /** Whether mails of this lane may be handed to the server now. */
  private holds(hold: Hold): boolean {
    const until = ((hold.slots.at(-1) ?? 0) + 1) * this.config.NOTIFICATION_LEASE_MS;
    return !hold.lost && this.clock.now().getTime() < until;
  }

  /**
   * Send a held lane dry, batch after batch, then give it back. A batch's outcomes are all
   * written before the lane is read again, so a mail is never read twice while it is being sent.
   */
  private async sendLane(hold: Hold, unlaned: Types.ObjectId[]): Promise<void> {
    try {
      // Only the lane's holder writes a lane into a mail, so no other write races it.
      await Promise.all(unlaned.map((_id) => this.notifications.updateOne({ _id, status: 'queued', lane: { $exists: false } }, { $set: { lane: hold.lane } })));
      while (!this.stopped && !this.paused() && this.holds(hold)) {
        const limit = this.probing ? 1 : this.config.NOTIFICATION_BATCH_SIZE;
        const batch = await this.notifications
          .find({ status: 'queued', lane: hold.lane, nextAttemptAt: { $lte: this.clock.now() } })
          .select('+body')
          .limit(limit)
          .lean();
        const outcomes = await Promise.allSettled(batch.map((n) => this.deliver(n, hold)));
        const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
        if (failed) throw failed.reason;
        // Less than a batch: the lane is dry (what is queued meanwhile, the next look finds).
        if (batch.length < limit) break;
      }
    } finally {
      this.held.delete(hold.lane);
      await hold.beating;
      await releaseLane(this.claims, hold.lane, hold.slots, this.holder).catch((err: Error) =>
        // Not given back: it frees itself when its slots have passed.
        this.logger.warn({ lane: hold.lane, err: err.message }, 'could not give a mail lane back'),
      );
    }
  }

  /**
   * Keep every held lane one slot ahead: early in each slot, take the next one, and forget the
   * slots that have passed. A holder whose slots ran out (the database was out of reach for
   * longer than a lease) has lost its lane: another instance may hold it now.
   */
  private extendLanes(): void {
    const now = this.clock.now();
    const slot = slotOf(now, this.config.NOTIFICATION_LEASE_MS);
    for (const hold of this.held.values()) {
      const last = hold.slots.at(-1) ?? 0;
      if (hold.beating || hold.lost || last > slot) continue;
      if (last < slot) {
        hold.lost = true;
        this.logger.warn({ lane: hold.lane }, 'mail lane lost: its lease ran out');
        continue;
      }
      hold.beating = extendLane(this.claims, hold.lane, slot + 1, this.holder, now)
        .then(async (won) => {
          if (!won) {
            hold.lost = true;
            return;
          }
          const passed = hold.slots.filter((s) => s < slot);
          hold.slots = [...hold.slots.filter((s) => s >= slot), slot + 1];
          // Nobody can take a passed slot; if this fails, the hourly sweep removes them.
          await releaseLane(this.claims, hold.lane, passed, this.holder).catch(() => undefined);
        })
        .catch((err: Error) => this.logger.warn({ lane: hold.lane, err: err.message }, 'could not extend a mail lane'))
        .finally(() => {
          hold.beating = undefined;
        });
    }
  }

  /** Lane keys left by instances that died (and older claims): a day is plenty. Once an hour per instance. */
  private async forgetOldClaims(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.claimsSweptAt < 3600_000) return;
    this.claimsSweptAt = now;
    await this.claims.deleteMany({ at: { $lt: new Date(now - 86_400_000) } });
  }

  private async deliver(n: NotificationDoc, hold: Hold): Promise<void> {
    // The lane ran out (see extendLanes) or sending stopped for an outage: the mail stays due.
    if (!this.holds(hold) || this.paused()) return;
    const body = n.body ?? (await this.legacyBody(n));
    if (!body) {
      // Written in the same insert as the rest, so never missing unless someone removed it: fail visibly.
      await this.recordFailure(n, new Error('mail content missing'));
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
      await this.recordFailure(n, err as Error & { code?: string });
      return;
    }
    if (this.probing) {
      this.probing = false;
      this.probed();
    }
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
            $unset: { nextAttemptAt: '', body: '' },
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

  private async recordFailure(n: NotificationDoc, err: Error & { code?: string }): Promise<void> {
    const mine = { _id: n._id, status: 'queued' as const };
    const now = this.clock.now().getTime();
    const lastError = `${err.code ? `${err.code}: ` : ''}${err.message}`.slice(0, 1000);
    if (isOutage(err)) {
      this.pausedUntil = now + this.config.NOTIFICATION_OUTAGE_RETRY_MS;
      this.probing = true;
      this.logger.warn({ err: lastError }, 'SMTP server unreachable; mail stays queued');
      await this.notifications.updateOne(mine, {
        $set: { lastError, nextAttemptAt: new Date(this.pausedUntil) },
      });
      return;
    }
    const attempts = n.attempts + 1;
    if (attempts >= this.config.NOTIFICATION_MAX_ATTEMPTS) {
      this.logger.error({ notification: n._id.toHexString(), template: n.template, attempts, err: lastError }, 'mail failed for good');
      // The body stays: the coordinator's retry (POST /api/notifications/:id/retry) sends it again.
      await this.notifications.updateOne(mine, {
        $set: { status: 'failed', failedAt: new Date(now), attempts, lastError },
        $unset: { nextAttemptAt: '' },
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
    });
  }
}

/** The list in a random order. */
function shuffled<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}
