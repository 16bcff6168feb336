import { Inject, Injectable } from '@nestjs/common';
import { Connection } from 'mongoose';
import { DomainError } from '@tochka/contracts';
import { Clock, CLOCK, CONFIG, MONGO } from '@tochka/runtime';
import { GatewayConfig } from '../config';
import { SlotLimiter } from '../http/slot-limiter';

/** What a login holds while its password is verified: given back on success, kept on failure. */
export interface Reservation {
  slots: string[];
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
 * Each attempt reserves a slot under all three keys BEFORE its password is verified (SlotLimiter:
 * unique-key inserts), so however many guesses arrive at once, no more than the limits are ever
 * checked. A successful login gives its slots back and clears its account × address failures.
 * Windows are fixed, so a refusal says exactly when to come back. Unknown e-mails count like
 * known ones, so the answer never tells whether an account exists.
 */
@Injectable()
export class LoginThrottle {
  private readonly limiter: SlotLimiter;

  constructor(
    @Inject(MONGO) conn: Connection,
    @Inject(CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.limiter = new SlotLimiter(conn, 'LoginAttemptSlot', 'login_attempt_slots', config.LOGIN_FAILURE_WINDOW_MS);
  }

  /** Reserve one attempt for (email, address), or refuse it with 429 and Retry-After. */
  async reserve(email: string, address: string): Promise<Reservation> {
    const now = this.clock.now();
    const account = `account:${email.trim().toLowerCase()}`;
    const pairKey = `${account}|address:${address}`;
    const limits: [string, number][] = [
      [pairKey, this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS],
      [`address:${address}`, this.config.LOGIN_MAX_FAILURES_PER_ADDRESS],
      [account, this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT],
    ];
    const slots: string[] = [];
    for (const [key, limit] of limits) {
      const slot = await this.limiter.take(key, limit, now);
      if (!slot) {
        await this.limiter.release(slots);
        const seconds = this.limiter.secondsLeft(now);
        throw new DomainError('too_many_attempts', `Слишком много неудачных попыток входа. Повторите через ${seconds} с.`, 429, undefined, {
          retryAfterSeconds: seconds,
        });
      }
      slots.push(slot);
    }
    return { slots, pairKey };
  }

  /** The password was right: the attempt does not count, nor do this address's earlier failures for the account. */
  async succeeded(reservation: Reservation): Promise<void> {
    await this.limiter.release(reservation.slots);
    await this.limiter.clear(reservation.pairKey);
  }

  /** Verification could not finish (the database is down): give the attempt back if possible. */
  async abandoned(reservation: Reservation): Promise<void> {
    await this.limiter.release(reservation.slots).catch(() => undefined);
  }
}
