import mongoose, { Connection, Model } from 'mongoose';
import { AnyModel, isDuplicateKey, withDocumentLock } from '@tochka/messaging';

mongoose.set('strictQuery', true);

/**
 * One connection per service to its own database. Persistence sticks to what MongoDB 7 and
 * FerretDB 1.24 both do: single-document atomic updates, no transactions, no change streams.
 */
export async function connectMongo(url: string, dbName: string, maxPoolSize = 10): Promise<Connection> {
  const conn = mongoose.createConnection(url, {
    dbName,
    maxPoolSize,
    // A database that is down answers within an RPC's time (RPC_TIMEOUT_MS, 5 s), so the user
    // hears "database unavailable" (503) rather than "service did not answer" (504); and no
    // mongoose buffering, which would wait 10 s and hide the driver's error behind its own.
    serverSelectionTimeoutMS: 3000,
    bufferCommands: false,
    autoIndex: false, // indexes are built explicitly at start-up (see ensureIndexes)
    ...replicaSetOptions(url),
  });
  await conn.asPromise();
  return conn;
}

/**
 * On a replica set (`replicaSet=` in the URL): a write is acknowledged once a majority of members
 * has it in its journal, so a failover never rolls back what a user was told happened (every
 * outbox event sits in the same document as its state change, and goes with it); reads see only
 * majority-committed data, from the primary, so no decision is taken on a write that may still be
 * rolled back; writes and reads caught by an election are retried once by the driver. A single
 * server or FerretDB keeps the driver's defaults. The URL's own options win over these.
 */
export function replicaSetOptions(url: string): Record<string, unknown> {
  let params: URLSearchParams;
  try {
    params = new URL(url.replace(/^mongodb(\+srv)?:\/\/[^/?]*/, 'http://hosts')).searchParams;
  } catch {
    return {};
  }
  const has = (name: string) => [...params.keys()].some((k) => k.toLowerCase() === name.toLowerCase());
  if (!has('replicaSet')) return {};
  return {
    ...(has('w') ? {} : { writeConcern: { w: 'majority', journal: true, wtimeoutMS: 10_000 } }),
    ...(has('readConcernLevel') ? {} : { readConcern: { level: 'majority' } }),
    ...(has('readPreference') ? {} : { readPreference: 'primary' }),
    ...(has('retryWrites') ? {} : { retryWrites: true }),
    ...(has('retryReads') ? {} : { retryReads: true }),
  };
}

/** Build the indexes of every model before serving: unique constraints must hold from the first request. */
export async function ensureIndexes(conn: Connection): Promise<void> {
  for (const model of Object.values(conn.models)) await model.createIndexes();
}

export async function pingMongo(conn: Connection, timeoutMs = 2000): Promise<'up' | 'down'> {
  if (conn.readyState !== 1 || !conn.db) return 'down';
  try {
    await Promise.race([conn.db.command({ ping: 1 }), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref())]);
    return 'up';
  } catch {
    return 'down';
  }
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

/** One page of a query with the total, the shape every list route answers. */
export async function paginate<D, T>(
  model: Model<D>,
  filter: object,
  sort: Record<string, 1 | -1>,
  query: { page: number; limit: number },
  map: (doc: D) => T,
): Promise<Page<T>> {
  const [docs, total] = await Promise.all([
    model
      .find(filter as never)
      .sort(sort)
      .skip((query.page - 1) * query.limit)
      .limit(query.limit)
      .lean<D[]>(),
    model.countDocuments(filter as never),
  ]);
  return { items: docs.map(map), total, page: query.page, limit: query.limit };
}

/**
 * Read models keep the snapshot with the highest version: events of one aggregate may arrive
 * late, twice, or at two instances at once; an older or equal version changes nothing.
 */
export async function keepLatest(model: AnyModel, id: string, fields: { version: number } & Record<string, unknown>): Promise<void> {
  // Under the document's lock: a conditional upsert is atomic on MongoDB, not on FerretDB, where
  // two writers could both pass `version < v` and the older could land last.
  await withDocumentLock(model, id, async () => {
    try {
      // An older or equal version matches nothing, and the insert the upsert then attempts
      // collides with the existing `_id` (11000): both mean "already have one at least as new".
      await model.updateOne({ _id: id, version: { $lt: fields.version } }, { $set: fields }, { upsert: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  });
}
