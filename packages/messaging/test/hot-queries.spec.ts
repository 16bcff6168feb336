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

  it('serves a read by _id (the event page, every write of one aggregate) by an index, a string id or an ObjectId', async () => {
    const strings = conn.model('ById', new Schema({ _id: String, name: String }, { versionKey: false }));
    const objects = conn.model('ByObjectId', new Schema({ name: String }, { versionKey: false }));
    await strings.createIndexes();
    await objects.createIndexes();
    await strings.insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: `doc-${i}`, name: `документ ${i}` })));
    const stored = await objects.insertMany(Array.from({ length: 300 }, (_, i) => ({ name: `документ ${i}` })));

    expect((await indexProblems(strings.collection, { _id: 'doc-7' }, { _id: 1 })).problems).toEqual([]);
    expect((await indexProblems(objects.collection, { _id: stored[7]!._id }, { _id: 1 })).problems).toEqual([]);
    // The check is not blind: a field nobody indexed is read whole.
    const { plan, problems } = await indexProblems(strings.collection, { name: 'документ 7' }, { name: 1 });
    expect(problems).toContain('no index {"name":1} on byids');
    if (plan.server === 'mongodb') expect(problems.some((p) => p.startsWith('MongoDB plan'))).toBe(true);
    if (plan.server === 'ferretdb' && plan.backend === 'postgresql') expect(problems.some((p) => p.startsWith('no PostgreSQL index serves'))).toBe(true);
  });
});
