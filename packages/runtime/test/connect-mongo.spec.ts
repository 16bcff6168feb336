import { Connection, Schema } from 'mongoose';
import { connectMongo, POOL_CHECK_MS } from '@tochka/runtime';
import { createTestEnv, TestEnv } from '@tochka/testing';

/** The driver's internals this test reads: the pools of the client's servers. */
type Pools = { topology?: { s: { servers: Map<string, { pool: { options: { minPoolSizeCheckFrequencyMS: number; maxPoolSize: number } } }> } } };

describe('connectMongo: one connection per service, to its own database', () => {
  let env: TestEnv;
  let conn: Connection;

  beforeAll(async () => {
    env = createTestEnv();
    conn = await connectMongo(env.mongoUrl, env.dbName('calendar'), 7);
  });

  afterAll(async () => {
    await conn?.close();
    await env?.cleanup();
  });

  it('uses the service database, writes and reads through models, and builds no index by itself', async () => {
    expect(conn.readyState).toBe(1);
    expect(conn.db?.databaseName).toBe(env.dbName('calendar'));
    const Thing = conn.model('Thing', new Schema({ title: { type: String, index: true } }));
    await Thing.create({ title: 'первая' });
    expect(await Thing.findOne({ title: 'первая' }).lean()).toMatchObject({ title: 'первая' });
    const names = (await conn.db!.collection('things').indexes()).map((i) => i.name);
    expect(names).toEqual(['_id_']);
    // Never buffered by mongoose: a database that is down fails the operation within the
    // driver's server selection (3 s) instead of mongoose's 10 s wait.
    expect(conn.config).toMatchObject({ bufferCommands: false, autoIndex: false });
  });

  it('has its pools look after themselves every POOL_CHECK_MS, not the driver’s 100 ms (idle CPU)', () => {
    const servers = (conn.getClient() as unknown as Pools).topology!.s.servers;
    expect(servers.size).toBeGreaterThan(0);
    for (const server of servers.values()) {
      expect(server.pool.options.minPoolSizeCheckFrequencyMS).toBe(POOL_CHECK_MS);
      expect(server.pool.options.maxPoolSize).toBe(7);
    }
    expect(POOL_CHECK_MS).toBeGreaterThanOrEqual(1000);
  });
});
