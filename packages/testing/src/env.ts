import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { connect } from 'nats';
import { ServiceName } from '@tochka/contracts';

/**
 * Everything one test file owns on the shared servers: a subject/stream prefix and database
 * names no other run uses, and a cleanup that removes them.
 */
export interface TestEnv {
  prefix: string;
  natsUrl: string;
  mongoUrl: string;
  dbName(service: ServiceName): string;
  /** Settings for a service under test; `extra` wins. */
  overrides(service: ServiceName, extra?: Record<string, unknown>): Record<string, unknown>;
  cleanup(): Promise<void>;
}

export function createTestEnv(): TestEnv {
  const natsUrl = process.env.NATS_URL;
  const mongoUrl = process.env.MONGO_URL;
  if (!natsUrl || !mongoUrl) throw new Error('MONGO_URL and NATS_URL must be set (see packages/testing/src/global-setup.ts)');
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const dbName = (service: ServiceName) => `${prefix}_${service}`;
  return {
    prefix,
    natsUrl,
    mongoUrl,
    dbName,
    overrides: (service, extra = {}) => ({
      NODE_ENV: 'test',
      NATS_URL: natsUrl,
      MONGO_URL: mongoUrl,
      MONGO_DB: dbName(service),
      SUBJECT_PREFIX: prefix,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      JETSTREAM_STORAGE: 'memory',
      OUTBOX_SWEEP_MS: 200,
      EVENT_BACKOFF_MS: '100,200,400',
      EVENT_ACK_WAIT_MS: 5000,
      ...(service === 'gateway' ? { PORT: 0, HOST: '127.0.0.1', JWT_SECRET: 'test-only-secret-0123456789-abcdefghijklmnopqrstuvwxyz' } : {}),
      ...extra,
    }),
    cleanup: () => cleanup(prefix, natsUrl, mongoUrl),
  };
}

async function cleanup(prefix: string, natsUrl: string, mongoUrl: string): Promise<void> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await nc.jetstreamManager();
    // Every stream named after the prefix, also those of derived prefixes (`<prefix>r1`, ...).
    const mine: string[] = [];
    for await (const name of jsm.streams.names()) if (name.startsWith(prefix.toUpperCase())) mine.push(name);
    for (const name of mine) await jsm.streams.delete(name).catch(() => undefined);
  } finally {
    await nc.close();
  }
  const client = await MongoClient.connect(mongoUrl, { serverSelectionTimeoutMS: 5000 });
  try {
    const { databases } = await client.db().admin().listDatabases({ nameOnly: true });
    for (const db of databases.filter((d) => d.name.startsWith(`${prefix}_`))) {
      await client.db(db.name).dropDatabase();
    }
  } finally {
    await client.close();
  }
}
