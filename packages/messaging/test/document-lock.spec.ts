import mongoose, { Connection, Schema } from 'mongoose';
import { DomainError } from '@tochka/contracts';
import { withDocumentLock } from '@tochka/messaging';
import { createTestEnv, TestEnv } from '@tochka/testing';

describe('withDocumentLock', () => {
  let env: TestEnv;
  let conn: Connection;
  const Counter = () => conn.models.Counter ?? conn.model('Counter', new Schema({ _id: String, n: Number, seen: [Number] }));

  beforeAll(async () => {
    env = createTestEnv();
    conn = await mongoose.createConnection(env.mongoUrl, { dbName: env.dbName('notifications') }).asPromise();
  });

  afterAll(async () => {
    await conn?.close();
    await env?.cleanup();
  });

  it('serialises read-modify-writes of one document: 40 concurrent increments, none lost', async () => {
    const model = Counter();
    await model.create({ _id: 'c1', n: 0, seen: [] });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        withDocumentLock(model, 'c1', async () => {
          const doc = await model.findById('c1').lean<{ n: number; seen: number[] }>();
          await model.updateOne({ _id: 'c1' }, { $set: { n: doc!.n + 1, seen: [...doc!.seen, i] } });
        }),
      ),
    );
    const doc = await model.findById('c1').lean<{ n: number; seen: number[] }>();
    expect(doc!.n).toBe(40);
    expect([...doc!.seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(await conn.collection('document_locks').countDocuments()).toBe(0);
  });

  it('releases the lock when the work throws, and breaks a lock whose holder died', async () => {
    const model = Counter();
    await expect(withDocumentLock(model, 'c2', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await conn.collection('document_locks').countDocuments({ _id: 'counters:c2' as never })).toBe(0);

    // A holder that died an hour ago.
    await conn.collection('document_locks').insertOne({ _id: 'counters:c3' as never, owner: 'dead', expiresAt: new Date(Date.now() - 3600_000) });
    await expect(withDocumentLock(model, 'c3', async () => 'done')).resolves.toBe('done');
  });

  it('gives up on a document held too long with a 409 in Russian', async () => {
    const model = Counter();
    await conn.collection('document_locks').insertOne({ _id: 'counters:c4' as never, owner: 'busy', expiresAt: new Date(Date.now() + 60_000) });
    const err = await withDocumentLock(model, 'c4', async () => 'never', { waitMs: 200 }).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.status).toBe(409);
    expect(err.message).toMatch(/изменяется/);
  });
});
