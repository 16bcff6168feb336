import { Inject, Injectable } from '@nestjs/common';
import { Connection, Schema } from 'mongoose';
import { DomainError } from '@tochka/contracts';
import { Clock, CLOCK, CONFIG, MONGO } from '@tochka/runtime';
import { GatewayConfig } from '../config';

interface FailureDoc {
  key: string; // 'account:<email>' or 'address:<ip>'
  at: Date;
}

const failureSchema = new Schema<FailureDoc>({ key: String, at: Date }, { versionKey: false });
failureSchema.index({ key: 1, at: -1 });

/**
 * Slows down guessing: after N failed logins for one account (or M from one address) within a
 * window, further attempts are refused for a delay that doubles with each failure (capped).
 * Kept in Mongo so every gateway instance sees the same counts. Unknown e-mails count like
 * known ones, so the answer never tells whether an account exists.
 *
 * Each failure is its own document and the count is counted, not incremented: FerretDB's `$inc`
 * is read-modify-write, and failures recorded at the same moment would lose part of the count.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures;

  constructor(
    @Inject(MONGO) conn: Connection,
    @Inject(CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.failures = conn.model<FailureDoc>('LoginFailure', failureSchema, 'login_failures');
  }

  async assertAllowed(email: string, address: string): Promise<void> {
    const now = this.clock.now();
    const until = Math.max(
      ...(await Promise.all([
        this.blockedUntil(accountKey(email), this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT, now),
        this.blockedUntil(addressKey(address), this.config.LOGIN_MAX_FAILURES_PER_ADDRESS, now),
      ])),
    );
    if (until > now.getTime()) {
      const seconds = Math.ceil((until - now.getTime()) / 1000);
      throw new DomainError(
        'too_many_attempts',
        `Слишком много неудачных попыток входа. Повторите через ${seconds} с.`,
        429,
        undefined,
        { retryAfterSeconds: seconds },
      );
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const at = this.clock.now();
    const windowStart = new Date(at.getTime() - this.config.LOGIN_FAILURE_WINDOW_MS);
    const keys = [accountKey(email), addressKey(address)];
    await this.failures.insertMany(keys.map((key) => ({ key, at })));
    // Failures older than the window no longer count.
    await this.failures.deleteMany({ key: { $in: keys }, at: { $lt: windowStart } });
  }

  async recordSuccess(email: string): Promise<void> {
    await this.failures.deleteMany({ key: accountKey(email) });
  }

  /** From the failures within the window: blocked for a delay that doubles past the limit, from the last one. */
  private async blockedUntil(key: string, limit: number, now: Date): Promise<number> {
    const recent = { key, at: { $gte: new Date(now.getTime() - this.config.LOGIN_FAILURE_WINDOW_MS) } };
    const count = await this.failures.countDocuments(recent);
    if (count < limit) return 0;
    const [last] = await this.failures.find(recent, { at: 1 }).sort({ at: -1 }).limit(1).lean();
    const delay = Math.min(this.config.LOGIN_BASE_DELAY_MS * 2 ** (count - limit), this.config.LOGIN_FAILURE_WINDOW_MS);
    return (last?.at.getTime() ?? now.getTime()) + delay;
  }
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;
