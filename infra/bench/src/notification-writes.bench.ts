import { laneOf, notificationId, notificationModel } from '@tochka/notifications';
import { connectMongo } from '@tochka/runtime';
import { createTestEnv, measureRate } from '@tochka/testing';
import type { Benchmark } from './index';
import { databaseProcesses, ticksOf, TICKS } from './processes';

const COUNT = Number(process.env.BENCH_NOTIFICATION_WRITES ?? 1000);
/** Requests in flight, as many as the sender's lanes and pooled connections keep. */
const IN_FLIGHT = 10;

/** A rendered mail of about 10 kB, as the templates make them (Cyrillic text and its HTML). */
const body = { text: 'Заявка в листе ожидания. '.repeat(100), html: `<p>${'Заявка в листе ожидания. '.repeat(120)}</p>` };

function notification(i: number, run: string) {
  const _id = notificationId(`bench-${run}-${i}`, `group${i}@bench.test`, 'registration_waitlisted');
  const now = new Date();
  return {
    _id,
    sourceEventId: `bench-${run}-${i}`,
    sourceType: 'registration.waitlisted',
    recipient: `group${i}@bench.test`,
    template: 'registration_waitlisted',
    category: 'registrations',
    subject: 'Заявка в листе ожидания',
    hasCalendar: false,
    body,
    status: 'queued',
    attempts: 0,
    lane: laneOf(_id),
    nextAttemptAt: now,
    createdAt: now,
  };
}

/** The sender's write of an outcome (sender.ts, recordSent). */
const sent = () => ({
  $set: { status: 'sent', sentAt: new Date(), smtpMessageId: '<bench@tochka-rosta.local>', smtpResponse: '250 OK' },
  $inc: { attempts: 1 },
  $unset: { nextAttemptAt: '', body: '' },
});

/**
 * What the database spends on each write a mail makes, alone, with the raw driver: the CPU of the
 * database's processes (FerretDB and its PostgreSQL backends, or mongod) per document, for
 * COUNT notifications of about 10 kB in the service's own collection definition (its indexes),
 * IN_FLIGHT requests at a time. The mail benchmark gives the whole mail and the reference
 * (nodemailer and the sink, about 2 ms per mail on the 2-core machines); this one shows which
 * write takes what, and what the alternatives looked at would cost.
 */
export default {
  name: `notification writes: database CPU per document, ${COUNT} notifications of 10 kB, ${IN_FLIGHT} in flight`,
  async run() {
    const env = createTestEnv();
    const conn = await connectMongo(env.mongoUrl, env.dbName('notifications'));
    const port = new URL(env.mongoUrl).port;
    const cpuPerDoc = async (work: () => Promise<unknown>) => {
      const before = ticksOf(databaseProcesses(port));
      await work();
      return (((ticksOf(databaseProcesses(port)) - before) * 1000) / TICKS / COUNT).toFixed(2);
    };
    try {
      const model = notificationModel(conn);
      await model.createCollection();
      await model.createIndexes();
      const service = model.collection;
      // The same documents in a collection with no index but `_id`'s.
      const bare = conn.db!.collection('notifications_bare');
      await conn.db!.createCollection('notifications_bare');
      const docs = (run: string) => Array.from({ length: COUNT }, (_, i) => notification(i, run));
      const a = docs('a');
      const b = docs('b');
      const c = docs('c');

      const insertBatched = await cpuPerDoc(async () => {
        for (let i = 0; i < COUNT; i += 50) await service.insertMany(a.slice(i, i + 50) as never[], { ordered: false });
      });
      // The sender's lane read (the first COUNT only are queued): the due mails of one lane, bodies included.
      const laneRead = await cpuPerDoc(async () => {
        for (let lane = 0; lane < 16; lane++) await service.find({ status: 'queued', lane, nextAttemptAt: { $lte: new Date() } }).toArray();
      });
      const insertOne = await cpuPerDoc(() => measureRate(COUNT, IN_FLIGHT, (i) => service.insertOne(b[i] as never)));
      await bare.insertMany(c as never[]);
      const update = await cpuPerDoc(() => measureRate(COUNT, IN_FLIGHT, (i) => service.updateOne({ _id: a[i]!._id, status: 'queued' }, sent())));
      const updateBare = await cpuPerDoc(() => measureRate(COUNT, IN_FLIGHT, (i) => bare.updateOne({ _id: c[i]!._id, status: 'queued' }, sent())));
      const batches: (typeof b)[] = [];
      for (let i = 0; i < COUNT; i += 16) batches.push(b.slice(i, i + 16));
      const bulk = await cpuPerDoc(() =>
        measureRate(batches.length, 4, (k) =>
          service.bulkWrite(
            batches[k]!.map((n) => ({ updateOne: { filter: { _id: n._id, status: 'queued' }, update: sent() } })),
            { ordered: false },
          ),
        ),
      );
      // The split alternative: the log entry without its body (now small) updated again, the body as a document of its own deleted.
      const smallUpdate = await cpuPerDoc(() =>
        measureRate(COUNT, IN_FLIGHT, (i) => service.updateOne({ _id: a[i]!._id }, { $set: { smtpResponse: '250 OK again' } })),
      );
      const bodies = conn.db!.collection<{ _id: ReturnType<typeof notificationId>; lane: number; body: typeof body }>('notification_bodies');
      await bodies.insertMany(c.map((n) => ({ _id: n._id, lane: n.lane, body })));
      const bodyDelete = await cpuPerDoc(() => measureRate(COUNT, IN_FLIGHT, (i) => bodies.deleteOne({ _id: c[i]!._id })));
      return {
        'insert, 50 per command (the enqueue; ms)': insertBatched,
        'insert, one per command (ms)': insertOne,
        "read in its lane's batch, body included (ms)": laneRead,
        'the outcome: updateOne by _id and status, the service indexes (ms)': update,
        "the same, only _id's index (ms)": updateBare,
        'the same, 16 updates in one bulkWrite, 4 at a time (ms)': bulk,
        'alternative: update of the log entry once its body is gone (ms)': smallUpdate,
        'alternative: delete of a body kept as its own document (ms)': bodyDelete,
      };
    } finally {
      await conn.dropDatabase().catch(() => undefined);
      await conn.close();
      await env.cleanup();
    }
  },
} satisfies Benchmark;
