import { Connection, Model, Schema } from 'mongoose';
import { GroupInsert } from '@tochka/messaging';
import { keepRecent } from '@tochka/runtime';

/** One reserved use: slot `n` of a key in one window. Its `_id` is the reservation. */
interface SlotDoc {
  _id: string; // `<key>#<window>#<n>`
  key: string;
  window: number;
  at: Date;
}

const slotSchema = new Schema<SlotDoc>({ _id: String, key: String, window: Number, at: Date }, { versionKey: false });
slotSchema.index({ key: 1, window: 1 });

/** Uses of a block this process holds in one window (see `blockSize`). */
interface Block {
  id?: string;
  left: number;
  /** Every block of the window is taken. */
  exhausted?: boolean;
  taking?: Promise<void>;
}

/**
 * "At most N per window", exact however many requests arrive at once, on FerretDB 1.24 and
 * MongoDB alike: a key has N slots per fixed window, and a use is the insert of a free slot's
 * `_id` into the unique `_id` index — the one atomic decision both servers make (a counter with
 * `$inc`, or count-then-act, lets a parallel burst through). Racing requests pick random free
 * slots and one that loses a race looks again, so a burst costs a few round trips per request.
 * Used by the login throttle and the per-user rate limit of creating routes.
 *
 * Each process remembers, per key and window, the slots it has seen taken: after the first look
 * in a window a use is one insert (grouped with concurrent ones), and only when every slot seems
 * taken does it look again (slots given back elsewhere may have freed some). What it remembers
 * can only be more than what is taken, so the database still decides every use.
 */
export class SlotLimiter {
  private readonly slots: Model<SlotDoc>;
  private readonly inserts: GroupInsert<SlotDoc>;
  /** Per key: the window it was last looked at in and the slots seen taken there. */
  private readonly seen = new Map<string, { window: number; taken: Set<string> }>();
  /** Per key and window (`<key>#<window>`), with blocks: the block this process holds and the uses left in it. */
  private readonly blocks = new Map<string, Block>();

  /**
   * `blockSize` > 1: a slot is a block of that many uses (the last block of a window may be
   * smaller), handed out here one by one: a burst from one account costs one insert per block,
   * not per use. Still never more than the limit in a window, however many processes: blocks
   * are slots, and each use comes from a block this process took. The price: uses left in a
   * block another process holds (or held before it stopped) are not available here, so with
   * several gateways an account spreading its requests over them may be refused up to
   * (gateways − 1) × (blockSize − 1) uses early. Blocks cannot be given back (`release`).
   */
  constructor(
    conn: Connection,
    name: string,
    collection: string,
    readonly windowMs: number,
    private readonly blockSize = 1,
  ) {
    this.slots = conn.model<SlotDoc>(name, slotSchema, collection);
    this.inserts = new GroupInsert<SlotDoc>(this.slots);
  }

  windowOf(at: Date): number {
    return Math.floor(at.getTime() / this.windowMs);
  }

  /** Seconds from `at` to the end of its window (at least 1): when a refused caller may come back. */
  secondsLeft(at: Date): number {
    return Math.max(1, Math.ceil(((this.windowOf(at) + 1) * this.windowMs - at.getTime()) / 1000));
  }

  /** Take one use of `key` in the window of `at` (its slot's id); undefined when all `limit` are taken. */
  async take(key: string, limit: number, at: Date): Promise<string | undefined> {
    if (this.blockSize <= 1) return this.takeSlot(key, limit, at);
    const window = this.windowOf(at);
    // Per key and window: at a window's end, requests of the old window and of the new one
    // interleave, and one block per key would be replaced back and forth, each time taking a new
    // block and stranding the uses left in the one it replaced (a burst was refused early).
    const blockKey = `${key}#${window}`;
    for (;;) {
      let block = this.blocks.get(blockKey);
      if (!block) {
        block = { left: 0 };
        keepRecent(this.blocks, blockKey, block, 10_000);
      }
      if (block.left > 0 && block.id) {
        block.left--;
        return block.id;
      }
      if (block.exhausted) return undefined;
      // One block taken at a time per key: concurrent uses wait for it rather than each taking one.
      if (!block.taking) {
        const current = block;
        current.taking = this.takeSlot(key, Math.ceil(limit / this.blockSize), at)
          .then((id) => {
            if (!id) {
              current.exhausted = true;
              return;
            }
            const n = Number(id.slice(id.lastIndexOf('#') + 1));
            current.id = id;
            current.left = Math.min(this.blockSize, limit - n * this.blockSize);
          })
          .finally(() => {
            current.taking = undefined;
          });
      }
      await block.taking;
    }
  }

  /** Take a free slot of `key` in the window of `at`; undefined when all `limit` are taken. */
  private async takeSlot(key: string, limit: number, at: Date): Promise<string | undefined> {
    const window = this.windowOf(at);
    let known = this.seen.get(key);
    let looked = false;
    for (let round = 0; round < limit + 8; round++) {
      if (!known || known.window !== window || (!looked && known.taken.size >= limit)) {
        const taken = new Set((await this.slots.find({ key, window }, { _id: 1 }).lean()).map((s) => s._id));
        if (taken.size === 0) await this.sweep([key], window);
        known = { window, taken };
        looked = true;
        keepRecent(this.seen, key, known, 10_000);
      }
      const free = Array.from({ length: limit }, (_, n) => `${key}#${window}#${n}`).filter((id) => !known!.taken.has(id));
      if (!free.length) return undefined;
      const _id = free[Math.floor(Math.random() * free.length)]!;
      known.taken.add(_id);
      if (await this.inserts.insert({ _id, key, window, at })) return _id;
    }
    return undefined;
  }

  /** Give slots back. Deleting by the exact `_id` removes only these: nobody else can hold them meanwhile. */
  async release(ids: string[]): Promise<void> {
    if (this.blockSize > 1) throw new Error('blocks of uses cannot be given back');
    await Promise.all(ids.map((_id) => this.slots.deleteOne({ _id })));
    for (const known of this.seen.values()) for (const id of ids) known.taken.delete(id);
  }

  /** Forget every slot of `key`, in all windows. */
  async clear(key: string): Promise<void> {
    await this.slots.deleteMany({ key });
    this.seen.delete(key);
    for (const blockKey of this.blocks.keys()) if (blockKey.startsWith(`${key}#`)) this.blocks.delete(blockKey);
  }

  /** Slots of windows before `window` count for nothing any more. */
  private async sweep(keys: string[], window: number): Promise<void> {
    await this.slots.deleteMany({ key: { $in: keys }, window: { $lt: window } });
  }
}
