import { Inject, Injectable } from '@nestjs/common';
import { Connection, Schema } from 'mongoose';
import { DomainError } from '@tochka/contracts';
import { Clock, CLOCK, CONFIG, MONGO } from '@tochka/runtime';
import { GatewayConfig } from '../config';

interface FailureDoc {
  _id: string; // 'account:<email>' or 'address:<ip>'
  count: number;
  windowStart: Date;
  blockedUntil?: Date;
}

const failureSchema = new Schema<FailureDoc>({ _id: String, count: Number, windowStart: Date, blockedUntil: Date }, { versionKey: false });

/**
 * Slows down guessing: after N failed logins for one account (or M from one address) within a
 * window, further attempts are refused for a delay that doubles with each failure (capped).
 * Kept in Mongo so every gateway instance sees the same counts. Unknown e-mails count like
 * known ones, so the answer never tells whether an account exists.
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
    const docs = await this.failures.find({ _id: { $in: [accountKey(email), addressKey(address)] } }).lean();
    const until = docs.map((d) => d.blockedUntil?.getTime() ?? 0).reduce((a, b) => Math.max(a, b), 0);
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
    await Promise.all([
      this.bump(accountKey(email), this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT),
      this.bump(addressKey(address), this.config.LOGIN_MAX_FAILURES_PER_ADDRESS),
    ]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.failures.deleteOne({ _id: accountKey(email) });
  }

  private async bump(key: string, limit: number): Promise<void> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - this.config.LOGIN_FAILURE_WINDOW_MS);
    // A window that has passed starts again from zero.
    await this.failures.deleteOne({ _id: key, windowStart: { $lt: windowStart }, blockedUntil: { $not: { $gt: now } } });
    const doc = await this.failures.findOneAndUpdate(
      { _id: key },
      { $inc: { count: 1 }, $setOnInsert: { windowStart: now } },
      { upsert: true, returnDocument: 'after' },
    );
    if (doc && doc.count >= limit) {
      const delay = Math.min(this.config.LOGIN_BASE_DELAY_MS * 2 ** (doc.count - limit), this.config.LOGIN_FAILURE_WINDOW_MS);
      await this.failures.updateOne({ _id: key }, { $set: { blockedUntil: new Date(now.getTime() + delay) } });
    }
  }
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;
