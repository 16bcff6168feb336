import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { DomainError } from '@tochka/contracts';
import { isDuplicateKey } from './duplicate-key';

/**
 * Mutual exclusion for one document across processes, for every read-decide-write of a document
 * that several writers touch (an aggregate and the outbox relay that pops its events).
 *
 * Why not just a conditional update (`updateOne({_id, version}, …)`): MongoDB applies it
 * atomically, but FerretDB 1.24 reads the matching document, applies the operators, then
 * replaces the document by `_id` — two writers can both pass the guard, and the later one
 * silently erases the other's change. An insert into a unique index is atomic on both, so taking
 * the lock is an insert of `{key: '<collection>:<id>'}` into `document_locks` (unique on `key`),
 * removed afterwards. A holder that dies leaves a lock that expires after `ttlMs` (wall clock).
 *
 * Each taking of a lock is its own document (`_id` = a fresh owner id): FerretDB deletes by
 * `_id` whatever a filter says, so with one `_id` per key a late delete of an expired lock could
 * remove the next holder's. Here a delete names the one generation it means and nothing else.
 */
export interface LockOptions {
  /** How long a lock may be held before others may break it. */
  ttlMs?: number;
  /** How long to wait for a busy document before giving up with a 409. */
  waitMs?: number;
}

interface LockDoc {
  _id: string;
  key: string;
  expiresAt: Date;
}

/**
 * A mongoose model of whatever document type: the lock, the relay and `keepLatest` touch only
 * `_id`, `version` and `outbox`. (`Model<unknown>` would not do: models are invariant in their type.)
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type AnyModel = Model<any>;

const LOCKS = 'document_locks';
const indexed = new WeakMap<object, Promise<unknown>>();

/** The unique index on `key`, created once per database handle. */
function lockCollection(model: AnyModel) {
  const locks = model.db.collection<LockDoc>(LOCKS);
  let ready = indexed.get(model.db);
  if (!ready) {
    ready = locks.createIndex({ key: 1 }, { unique: true, name: 'key_unique' });
    ready.catch(() => indexed.delete(model.db));
    indexed.set(model.db, ready);
  }
  return ready.then(() => locks);
}

export async function withDocumentLock<T>(model: AnyModel, id: unknown, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const ttlMs = opts.ttlMs ?? 30_000;
  const locks = await lockCollection(model);
  const key = `${model.collection.collectionName}:${String(id)}`;
  const owner = randomUUID();
  const deadline = Date.now() + (opts.waitMs ?? 10_000);
  for (let attempt = 0; ; attempt++) {
    try {
      await locks.insertOne({ _id: owner, key, expiresAt: new Date(Date.now() + ttlMs) });
      break;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const holder = await locks.findOne({ key });
      if (holder && holder.expiresAt.getTime() < Date.now()) await locks.deleteOne({ _id: holder._id });
      if (Date.now() > deadline) {
        throw new DomainError('busy', 'Запись сейчас изменяется другим запросом. Повторите через несколько секунд.', 409);
      }
      await new Promise((r) => setTimeout(r, Math.min(2 ** attempt, 50) + Math.random() * 5));
    }
  }
  try {
    return await fn();
  } finally {
    await locks.deleteOne({ _id: owner });
  }
}
