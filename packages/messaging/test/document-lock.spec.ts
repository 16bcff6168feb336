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
      Array.from(
        { length: 40 },
        (_, i) =>
          withDocumentLock(
            model,
            'c1',
            async () => {
              const doc = await model.findById('c1').lean<{ n: number; seen: number[] }>();
              await model.updateOne({ _id: 'c1' }, { $set: { n: doc!.n + 1, seen: [...doc!.seen, i] } });
            },
            { waitMs: 120_000 },
          ), // what is tested is that none is lost; on a loaded machine 40 in a row take longer than the default wait
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
    expect(await conn.collection('document_locks').countDocuments({ key: 'counters:c2' })).toBe(0);

    // A holder that died an hour ago.
    await conn.collection('document_locks').insertOne({ _id: 'dead' as never, key: 'counters:c3', expiresAt: new Date(Date.now() - 3600_000) });
    await expect(withDocumentLock(model, 'c3', async () => 'done')).resolves.toBe('done');
    expect(await conn.collection('document_locks').countDocuments({ key: 'counters:c3' })).toBe(0);
  });

  it("a holder whose lock was broken cannot remove the next holder's lock", async () => {
    const model = Counter();
    let inside = 0;
    let most = 0;
    const critical = async (ms: number) => {
      most = Math.max(most, ++inside);
      await new Promise((r) => setTimeout(r, ms));
      inside--;
    };
    // A slow holder (ttl 100 ms, works 400 ms) is broken by a second one; when the slow one ends
    // and releases, a third must still find the second's lock in place.
    const slow = withDocumentLock(model, 'c5', () => critical(400), { ttlMs: 100 });
    await new Promise((r) => setTimeout(r, 150));
    const second = withDocumentLock(model, 'c5', () => critical(600));
    await slow;
    const lock = await conn.collection('document_locks').findOne({ key: 'counters:c5' });
    expect(lock).not.toBeNull();
    const third = withDocumentLock(model, 'c5', () => critical(10), { waitMs: 200 }).catch((e: DomainError) => e.status);
    expect(await third).toBe(409);
    await second;
    expect(most).toBe(2); // only the broken holder and its successor ever overlapped
    expect(await conn.collection('document_locks').countDocuments({ key: 'counters:c5' })).toBe(0);
  });

  it('gives up on a document held too long with a 409 in Russian', async () => {
    const model = Counter();
    await conn.collection('document_locks').insertOne({ _id: 'busy' as never, key: 'counters:c4', expiresAt: new Date(Date.now() + 60_000) });
    const err = await withDocumentLock(model, 'c4', async () => 'never', { waitMs: 200 }).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.status).toBe(409);
    expect(err.message).toMatch(/изменяется/);
  });
});
