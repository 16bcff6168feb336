import { Inject, Injectable } from '@nestjs/common';
import { Connection, Schema } from 'mongoose';
import { DomainError } from '@tochka/contracts';
import { insertUnlessDuplicate } from '@tochka/messaging';
import { Clock, CLOCK, CONFIG, MONGO } from '@tochka/runtime';
import { GatewayConfig } from '../config';

/** One reserved attempt: slot `n` of a key in one window. Its `_id` is the reservation. */
interface SlotDoc {
  _id: string; // `<key>#<window>#<n>`
  key: string;
  window: number;
  at: Date;
}

const slotSchema = new Schema<SlotDoc>({ _id: String, key: String, window: Number, at: Date }, { versionKey: false });
slotSchema.index({ key: 1, window: 1 });

/** What a login holds while its password is verified: give it back on success, keep it on failure. */
export interface Reservation {
  slots: string[];
  keys: string[];
  pairKey: string;
}

/**
 * Login throttling (OWASP Authentication Cheat Sheet): within a fixed window, at most
 * - LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS failures for one account from one address — the
 *   attacker's address is shut out, the rightful user on their own address is not;
 * - LOGIN_MAX_FAILURES_PER_ADDRESS failures from one address, whatever the accounts (spraying);
 * - LOGIN_MAX_FAILURES_PER_ACCOUNT failures for one account from all addresses together (a
 *   distributed attack), the ceiling past which the account itself is closed until the window ends.
 *
 * Each attempt reserves a slot under all three keys BEFORE its password is verified, so however
 * many guesses arrive at once, no more than the limits are ever checked. A slot is a document
 * whose `_id` names it: only an insert into a unique index is atomic on FerretDB 1.24 (its
 * updates are read-modify-write, `$inc` loses counts), and on MongoDB alike. A successful login
 * gives its slots back and clears its account × address failures. Windows are fixed (clock time
 * divided by LOGIN_FAILURE_WINDOW_MS), so a refusal says exactly when to come back; slots of
 * past windows are deleted as new ones are taken. Unknown e-mails count like known ones, so the
 * answer never tells whether an account exists.
 */
@Injectable()
export class LoginThrottle {
  private readonly slots;

  constructor(
    @Inject(MONGO) conn: Connection,
    @Inject(CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.slots = conn.model<SlotDoc>('LoginAttemptSlot', slotSchema, 'login_attempt_slots');
  }

  /** Reserve one attempt for (email, address), or refuse it with 429 and Retry-After. */
  async reserve(email: string, address: string): Promise<Reservation> {
    const now = this.clock.now().getTime();
    const window = Math.floor(now / this.config.LOGIN_FAILURE_WINDOW_MS);
    const account = `account:${email.trim().toLowerCase()}`;
    const pairKey = `${account}|address:${address}`;
    const limits: [string, number][] = [
      [pairKey, this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS],
      [`address:${address}`, this.config.LOGIN_MAX_FAILURES_PER_ADDRESS],
      [account, this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT],
    ];
    const slots: string[] = [];
    for (const [key, limit] of limits) {
      const slot = await this.take(key, limit, window, new Date(now));
      if (!slot) {
        await this.release(slots);
        const seconds = Math.max(1, Math.ceil(((window + 1) * this.config.LOGIN_FAILURE_WINDOW_MS - now) / 1000));
        throw new DomainError(
          'too_many_attempts',
          `Слишком много неудачных попыток входа. Повторите через ${seconds} с.`,
          429,
          undefined,
          { retryAfterSeconds: seconds },
        );
      }
      slots.push(slot);
    }
    return { slots, keys: limits.map(([key]) => key), pairKey };
  }

  /** The password was right: the attempt does not count, nor do this address's earlier failures for the account. */
  async succeeded(reservation: Reservation): Promise<void> {
    await this.release(reservation.slots);
    await this.slots.deleteMany({ key: reservation.pairKey });
  }

  /** The password was wrong: the slots stay taken until their window ends; earlier windows are swept. */
  async failed(reservation: Reservation): Promise<void> {
    const window = Math.floor(this.clock.now().getTime() / this.config.LOGIN_FAILURE_WINDOW_MS);
    await this.slots.deleteMany({ key: { $in: reservation.keys }, window: { $lt: window } });
  }

  /** Verification could not finish (the database is down): give the attempt back. */
  async abandoned(reservation: Reservation): Promise<void> {
    await this.release(reservation.slots).catch(() => undefined);
  }

  /**
   * Insert a free slot of `key` in `window`; undefined when all `limit` are taken. Racing
   * requests pick random free slots, and one that loses a race looks again, so a burst costs a
   * few inserts per request rather than `limit`.
   */
  private async take(key: string, limit: number, window: number, at: Date): Promise<string | undefined> {
    for (let round = 0; round < limit + 8; round++) {
      const taken = new Set((await this.slots.find({ key, window }, { _id: 1 }).lean()).map((s) => s._id));
      const free = Array.from({ length: limit }, (_, n) => `${key}#${window}#${n}`).filter((id) => !taken.has(id));
      if (!free.length) return undefined;
      const _id = free[Math.floor(Math.random() * free.length)]!;
      if (await insertUnlessDuplicate(this.slots.create({ _id, key, window, at }))) return _id;
    }
    return undefined;
  }

  private async release(slots: string[]): Promise<void> {
    // Deleting by the exact `_id` removes only this reservation: nobody else can hold that slot meanwhile.
    await Promise.all(slots.map((_id) => this.slots.deleteOne({ _id })));
  }
}
