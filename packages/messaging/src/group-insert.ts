import { Model } from 'mongoose';
import { duplicatePositions } from './duplicate-key';

interface Pending<T> {
  docs: T[];
  resolve(inserted: boolean[]): void;
  reject(reason: unknown): void;
}

export interface GroupInsertOptions<T, G = void> {
  /** Documents in one `insertMany` at most. */
  maxDocs?: number;
  /**
   * Called with the documents of a group just before they are written (e.g. to stamp the group's
   * id on them, or stage their events); what it returns goes to `afterInsert`. Should it fail,
   * the group fails as a failed insert does, with nothing written.
   */
  beforeInsert?(docs: T[]): G | Promise<G>;
  /** Called with the documents a group wrote (not the refused duplicates), after every waiter has its answer. */
  afterInsert?(docs: T[], group: G): void;
}

/**
 * Group commit of inserts into one collection: while one `insertMany` is on its way, the inserts
 * that arrive wait and then go together in the next one (unordered, so a duplicate refuses only
 * its own document). Each waiter learns, per document, whether it was written (false: a unique
 * index already held its key, the same answer `insertUnlessDuplicate` gives). Under load a
 * database round trip then carries many documents; alone, an insert goes at once.
 *
 * A failure other than duplicates fails every waiter of that group: as with a single insert, some
 * of its documents may have been written all the same.
 *
 * Documents are written as given, through the driver (fields left `undefined` are left out):
 * no mongoose casting, defaults or validation, which cost a burst of registrations a quarter of
 * the service's CPU. Callers build their documents whole, with the stored types.
 */
export class GroupInsert<T extends object, G = void> {
  private queue: Pending<T>[] = [];
  private running = false;

  constructor(
    private readonly model: Model<T>,
    private readonly options: GroupInsertOptions<T, G> = {},
  ) {}

  /** Insert one document: true when written, false when its key was already taken. */
  async insert(doc: T): Promise<boolean> {
    const [inserted] = await this.insertAll([doc]);
    return inserted === true;
  }

  /** Insert documents (in one group): per document, whether it was written. */
  insertAll(docs: T[]): Promise<boolean[]> {
    if (!docs.length) return Promise.resolve([]);
    return new Promise<boolean[]>((resolve, reject) => {
      this.queue.push({ docs, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    const max = this.options.maxDocs ?? 500;
    while (this.queue.length) {
      const group: Pending<T>[] = [];
      let size = 0;
      while (this.queue.length && (size === 0 || size + this.queue[0]!.docs.length <= max)) {
        const next = this.queue.shift()!;
        group.push(next);
        size += next.docs.length;
      }
      await this.write(group);
    }
    this.running = false;
  }

  private async write(group: Pending<T>[]): Promise<void> {
    const docs = group.flatMap((p) => p.docs);
    let refused = new Set<number>();
    let context: G;
    try {
      context = (await this.options.beforeInsert?.(docs)) as G;
    } catch (err) {
      for (const p of group) p.reject(err);
      return;
    }
    try {
      await this.model.collection.insertMany(docs as never[], { ordered: false, ignoreUndefined: true });
    } catch (err) {
      const duplicates = duplicatePositions(err);
      if (!duplicates) {
        for (const p of group) p.reject(err);
        return;
      }
      refused = duplicates;
    }
    let at = 0;
    for (const p of group) {
      p.resolve(p.docs.map(() => !refused.has(at++)));
    }
    if (this.options.afterInsert)
      this.options.afterInsert(
        docs.filter((_, i) => !refused.has(i)),
        context,
      );
  }
}
