import mongoose, { Connection, Model } from 'mongoose';
import { AnyModel, isDuplicateKey, withDocumentLock } from '@tochka/messaging';

mongoose.set('strictQuery', true);

/**
 * One connection per service to its own database. Persistence sticks to what MongoDB 7 and
 * FerretDB 1.24 both do: single-document atomic updates, no transactions, no change streams.
 */
export async function connectMongo(url: string, dbName: string, maxPoolSize = 10): Promise<Connection> {
  const client = new mongoose.mongo.MongoClient(url, {
    maxPoolSize,
    // A database that is down answers within an RPC's time (RPC_TIMEOUT_MS, 5 s), so the user
    // hears "database unavailable" (503) rather than "service did not answer" (504).
    serverSelectionTimeoutMS: 3000,
    driverInfo: { name: 'Mongoose', version: mongoose.version },
    ...replicaSetOptions(url),
  });
  // Read from the client's options at `connect()`: the database the connection's models use
  // (`db()` without a name), and how often its pools check themselves (see POOL_CHECK_MS).
  Object.assign(client.options, { dbName, minPoolSizeCheckFrequencyMS: POOL_CHECK_MS });
  await client.connect();
  const conn = mongoose.createConnection();
  // No mongoose buffering, which would wait 10 s and hide the driver's error behind its own;
  // indexes are built explicitly at start-up (see ensureIndexes).
  conn.config.bufferCommands = false;
  conn.config.autoIndex = false;
  conn.setClient(client);
  const watchdog = setInterval(() => unstickMonitors(conn), MONITOR_WATCHDOG_MS);
  watchdog.unref();
  conn.once('close', () => clearInterval(watchdog));
  return conn;
}

/**
 * How often each connection pool looks after itself (prunes connections that perished, tops up
 * `minPoolSize`, 0 here). The driver does it every 100 ms by default — ten wake-ups a second in
 * every process, most of what an idle service costs (see the README's idle benchmark) — and
 * takes no option for it from its callers; its pools copy it from the client's options when they
 * are created, which is at `connect()`. An operation that finds no connection never waits for it:
 * the pool opens one on demand.
 */
export const POOL_CHECK_MS = 2000;

const MONITOR_WATCHDOG_MS = 2000;

/**
 * Works around a race in the MongoDB driver (7.8): when a connection is reset just as the server
 * monitor writes its `hello` on it, the write waits for a `drain` that never comes (the socket is
 * already destroyed, and the driver's close handling does not end that wait). The monitor then
 * never checks again, the server stays Unknown and every operation fails its server selection
 * until the process restarts — seen in the fault suite (services/registrations/test/faults.spec.ts)
 * about one run in three: a 2 s cut of the database connection, then 503 for good. Every 2 s: a
 * monitor whose connection is closed but still waits for `drain` gets an error on that socket,
 * which ends the wait; the heartbeat fails, the monitor connects anew. Uses the driver's
 * internals defensively: if they change, this does nothing.
 */
export function unstickMonitors(conn: Connection): void {
  type Socket = { listenerCount(event: string): number; emit(event: string, err: Error): boolean };
  type Internals = { topology?: { s?: { servers?: Map<string, { monitor?: { connection?: { closed?: boolean; socket?: Socket } | null } }> } } };
  let servers: Map<string, { monitor?: { connection?: { closed?: boolean; socket?: Socket } | null } }> | undefined;
  try {
    servers = (conn.getClient() as unknown as Internals).topology?.s?.servers;
  } catch {
    return;
  }
  for (const server of servers?.values() ?? []) {
    const connection = server.monitor?.connection;
    const socket = connection?.socket;
    if (connection?.closed && socket && socket.listenerCount('drain') > 0 && socket.listenerCount('error') > 0) {
      socket.emit('error', new Error('monitor connection closed while its hello waited for drain'));
    }
  }
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
