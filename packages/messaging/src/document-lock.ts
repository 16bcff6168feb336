import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { DomainError } from '@tochka/contracts';

/**
 * Mutual exclusion for one document across processes, for every read-decide-write of a document
 * that several writers touch (an aggregate and the outbox relay that pops its events).
 *
 * Why not just a conditional update (`updateOne({_id, version}, …)`): MongoDB applies it
 * atomically, but FerretDB 1.24 reads the matching document, applies the operators, then
 * replaces the document by `_id` — two writers can both pass the guard, and the later one
 * silently erases the other's change. An insert into a unique index is atomic on both, so the
 * lock is an insert of `{_id: '<collection>:<id>'}` into `document_locks`, removed afterwards.
 * A holder that dies leaves a lock that expires after `ttlMs` (wall clock).
 */
export interface LockOptions {
  /** How long a lock may be held before others may break it. */
  ttlMs?: number;
  /** How long to wait for a busy document before giving up with a 409. */
  waitMs?: number;
}

interface LockDoc {
  _id: string;
  owner: string;
  expiresAt: Date;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any>;

export async function withDocumentLock<T>(model: AnyModel, id: unknown, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const ttlMs = opts.ttlMs ?? 30_000;
  const locks = model.db.collection<LockDoc>('document_locks');
  const key = `${model.collection.collectionName}:${String(id)}`;
  const owner = randomUUID();
  const deadline = Date.now() + (opts.waitMs ?? 10_000);
  for (let attempt = 0; ; attempt++) {
    try {
      await locks.insertOne({ _id: key, owner, expiresAt: new Date(Date.now() + ttlMs) });
      break;
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      await locks.deleteOne({ _id: key, expiresAt: { $lt: new Date() } });
      if (Date.now() > deadline) {
        throw new DomainError('busy', 'Запись сейчас изменяется другим запросом. Повторите через несколько секунд.', 409);
      }
      await new Promise((r) => setTimeout(r, Math.min(2 ** attempt, 50) + Math.random() * 5));
    }
  }
  try {
    return await fn();
  } finally {
    await locks.deleteOne({ _id: key, owner });
  }
}
