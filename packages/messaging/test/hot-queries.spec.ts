import mongoose, { Connection, Schema } from 'mongoose';
import { userEvents } from '@tochka/contracts';
import { appendToOutbox, createEvent, newOutbox, outboxFields, PENDING_OUTBOX } from '@tochka/messaging';
import { createTestEnv, indexProblems, TestEnv } from '@tochka/testing';

/**
 * The outbox sweep runs every 2 s in every service: on the real database, its query must be
 * served by an index (MongoDB's plan scans it; FerretDB hands the filter to its backend), and the
 * flag it asks for must follow the outbox exactly.
 */
describe('the outbox sweep asks an index, not the whole collection', () => {
  let env: TestEnv;
  let conn: Connection;
  const event = (n: number) =>
    createEvent(userEvents.created, {
      user: { id: `u${n}`, email: `u${n}@example.test`, name: `Пользователь ${n}`, role: 'staff' as const, organizationId: 'org1', active: true, version: 1 },
    });

  beforeAll(async () => {
    env = createTestEnv();
    conn = await mongoose.createConnection(env.mongoUrl, { dbName: env.dbName('gateway') }).asPromise();
  });
  afterAll(async () => {
    await conn?.close();
    await env?.cleanup();
  });

  it('keeps the flag only on documents with events and serves the sweep by the flag index', async () => {
    const model = conn.model('Swept', new Schema({ _id: String, name: String, ...outboxFields }, { versionKey: false }));
    await model.createIndexes();
    await model.create({ _id: 'quiet', name: 'без событий', ...newOutbox([]) });
    await model.create({ _id: 'new', name: 'с событием', ...newOutbox([event(1)]) });
    await model.create({ _id: 'changed', name: 'до', ...newOutbox([]) });
    await model.updateOne({ _id: 'changed' }, appendToOutbox([event(2)], { $set: { name: 'после' } }));
    await model.updateOne({ _id: 'quiet' }, appendToOutbox([], { $set: { name: 'всё ещё без событий' } }));
    await model.insertMany(Array.from({ length: 200 }, (_, i) => ({ _id: `old-${i}`, name: 'давно опубликовано', ...newOutbox([]) })));

    const pending = await model.find(PENDING_OUTBOX, { _id: 1 }).lean();
    expect(pending.map((d) => d._id).sort()).toEqual(['changed', 'new']);
    expect(await model.findById('changed').lean()).toMatchObject({ name: 'после', outboxPending: true });
    expect((await model.findById('quiet').lean())?.outboxPending).toBeUndefined();

    const { plan, problems } = await indexProblems(model.collection, PENDING_OUTBOX, { outboxPending: 1 }, { limit: 500 });
    expect({ plan: plan.server, problems }).toEqual({ plan: plan.server, problems: [] });
  });
});
