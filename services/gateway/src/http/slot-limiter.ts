import { Connection, Model, Schema } from 'mongoose';
import { insertUnlessDuplicate } from '@tochka/messaging';

/** One reserved use: slot `n` of a key in one window. Its `_id` is the reservation. */
interface SlotDoc {
  _id: string; // `<key>#<window>#<n>`
  key: string;
  window: number;
  at: Date;
}

const slotSchema = new Schema<SlotDoc>({ _id: String, key: String, window: Number, at: Date }, { versionKey: false });
slotSchema.index({ key: 1, window: 1 });

/**
 * "At most N per window", exact however many requests arrive at once, on FerretDB 1.24 and
 * MongoDB alike: a key has N slots per fixed window, and a use is the insert of a free slot's
 * `_id` into the unique `_id` index — the one atomic decision both servers make (a counter with
 * `$inc`, or count-then-act, lets a parallel burst through). Racing requests pick random free
 * slots and one that loses a race looks again, so a burst costs a few round trips per request.
 * Used by the login throttle and the per-user rate limit of creating routes.
 */
export class SlotLimiter {
  private readonly slots: Model<SlotDoc>;

  constructor(
    conn: Connection,
    name: string,
    collection: string,
    readonly windowMs: number,
  ) {
    this.slots = conn.model<SlotDoc>(name, slotSchema, collection);
  }

  windowOf(at: Date): number {
    return Math.floor(at.getTime() / this.windowMs);
  }

  /** Seconds from `at` to the end of its window (at least 1): when a refused caller may come back. */
  secondsLeft(at: Date): number {
    return Math.max(1, Math.ceil(((this.windowOf(at) + 1) * this.windowMs - at.getTime()) / 1000));
  }

  /** Take a free slot of `key` in the window of `at`; undefined when all `limit` are taken. */
  async take(key: string, limit: number, at: Date): Promise<string | undefined> {
    const window = this.windowOf(at);
    for (let round = 0; round < limit + 8; round++) {
      const taken = new Set((await this.slots.find({ key, window }, { _id: 1 }).lean()).map((s) => s._id));
      const free = Array.from({ length: limit }, (_, n) => `${key}#${window}#${n}`).filter((id) => !taken.has(id));
      if (!free.length) return undefined;
      if (taken.size === 0) await this.sweep([key], window);
      const _id = free[Math.floor(Math.random() * free.length)]!;
      if (await insertUnlessDuplicate(this.slots.create({ _id, key, window, at }))) return _id;
    }
    return undefined;
  }

  /** Give slots back. Deleting by the exact `_id` removes only these: nobody else can hold them meanwhile. */
  async release(ids: string[]): Promise<void> {
    await Promise.all(ids.map((_id) => this.slots.deleteOne({ _id })));
  }

  /** Forget every slot of `key`, in all windows. */
  async clear(key: string): Promise<void> {
    await this.slots.deleteMany({ key });
  }

  /** Slots of windows before `window` count for nothing any more. */
  private async sweep(keys: string[], window: number): Promise<void> {
    await this.slots.deleteMany({ key: { $in: keys }, window: { $lt: window } });
  }
}
