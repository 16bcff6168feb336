import mongoose, { Connection, Schema } from 'mongoose';
import { keepLatest } from '@tochka/runtime';
import { createTestEnv, TestEnv } from '@tochka/testing';

describe('keepLatest: read models keep the newest snapshot', () => {
  let env: TestEnv;
  let conn: Connection;
  const Snapshot = () => conn.models.Snapshot ?? conn.model('Snapshot', new Schema({ _id: String, version: Number, title: String }));

  beforeAll(async () => {
    env = createTestEnv();
    conn = await mongoose.createConnection(env.mongoUrl, { dbName: env.dbName('calendar') }).asPromise();
  });

  afterAll(async () => {
    await conn?.close();
    await env?.cleanup();
  });

  it('ignores an older or repeated version', async () => {
    const model = Snapshot();
    await keepLatest(model, 's1', { version: 2, title: 'вторая' });
    await keepLatest(model, 's1', { version: 1, title: 'первая' });
    await keepLatest(model, 's1', { version: 2, title: 'повтор второй' });
    expect(await model.findById('s1').lean()).toMatchObject({ version: 2, title: 'вторая' });
  });

  it('ends with the newest version when versions arrive all at once in any order', async () => {
    const model = Snapshot();
    for (let round = 0; round < 10; round++) {
      const versions = Array.from({ length: 8 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
      await Promise.all(versions.map((v) => keepLatest(model, `r${round}`, { version: v, title: `версия ${v}` })));
      expect(await model.findById(`r${round}`).lean()).toMatchObject({ version: 8, title: 'версия 8' });
    }
  });
});
