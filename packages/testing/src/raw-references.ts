import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { connect } from 'nats';

/**
 * Reference figures for benchmarks, measured in the same run on the same servers as the project:
 * what the raw clients do without any of our code around them.
 */
export interface RateFigure {
  ops: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Run `op` `ops` times with `concurrency` in flight; the rate and latencies. */
export async function measureRate(ops: number, concurrency: number, op: (i: number) => Promise<unknown>): Promise<RateFigure> {
  const latencies: number[] = [];
  let next = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < ops; i = next++) {
        const t = performance.now();
        await op(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = performance.now() - began;
  latencies.sort((a, b) => a - b);
  return { ops, perSecond: Math.round(ops / (elapsed / 1000)), p50Ms: Math.round(percentile(latencies, 50)), p99Ms: Math.round(percentile(latencies, 99)) };
}

/**
 * The database's own atomic write: `insertOne` of small documents with a unique `_id`, with the
 * raw driver (its default pool), into a fresh database dropped afterwards.
 */
export async function rawUniqueInsertRate(mongoUrl: string, ops: number, concurrency: number): Promise<RateFigure> {
  const client = await MongoClient.connect(mongoUrl, { serverSelectionTimeoutMS: 5000 });
  const db = client.db(`rawref_${randomBytes(4).toString('hex')}`);
  try {
    const docs = db.collection<{ _id: string; n: number; at: Date }>('docs');
    await docs.insertOne({ _id: 'warm-up', n: -1, at: new Date() });
    const run = randomBytes(4).toString('hex');
    return await measureRate(ops, concurrency, (i) => docs.insertOne({ _id: `${run}:${i}`, n: i, at: new Date() }));
  } finally {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  }
}

/** Core NATS request/reply alone: one responder echoing a small body, on its own connection. */
export async function natsRequestReplyRate(natsUrl: string, ops: number, concurrency: number): Promise<RateFigure> {
  const server = await connect({ servers: natsUrl });
  const client = await connect({ servers: natsUrl });
  const subject = `rawref.${randomBytes(4).toString('hex')}`;
  try {
    server.subscribe(subject, { callback: (_err, msg) => msg.respond(msg.data) });
    await server.flush();
    const body = new TextEncoder().encode(JSON.stringify({ groupName: 'Группа', children: 3 }));
    return await measureRate(ops, concurrency, () => client.request(subject, body, { timeout: 10_000 }));
  } finally {
    await client.close();
    await server.close();
  }
}
