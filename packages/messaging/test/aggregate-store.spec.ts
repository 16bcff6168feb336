import mongoose, { Connection, Model, Schema } from 'mongoose';
import { DomainError, errors, userEvents } from '@tochka/contracts';
import { AggregateStore, createEvent, MessageBus, outboxFields, runWithContext, UPDATE_ATTEMPTS, withDocumentLock } from '@tochka/messaging';
import { BusProbe, createTestEnv, TestEnv } from '@tochka/testing';

/**
 * The rules of the one write path of aggregates (README, Decisions), against the real server the
 * tests run on (FerretDB 1.24 in CI) and real JetStream.
 */
interface Counter {
  id: string;
  name: string;
  seen: number[];
  note?: string;
  version: number;
}
type CounterDoc = Omit<Counter, 'id'> & { _id: string; outbox: unknown[]; touchedBy?: string };

const user = (c: Counter) => ({
  user: {
    id: c.id,
    email: `${c.id}@example.test`,
    name: `${c.name} v${c.version}`,
    role: 'staff' as const,
    organizationId: 'org1',
    active: true,
    version: c.version,
  },
});

describe('AggregateStore: insert and update with the outbox', () => {
  let env: TestEnv;
  let conn: Connection;
  let bus: MessageBus;
  let probe: BusProbe;
  let model: Model<CounterDoc>;
  let store: AggregateStore<CounterDoc, Counter>;

  const storeOf = (relay: MessageBus['outbox'] | null) =>
    new AggregateStore<CounterDoc, Counter>({
      model,
      relay,
      key: (id) => (id.startsWith('c-') ? id : undefined),
      idOf: (c) => c.id,
      fromDoc: ({ _id, name, seen, note, version }) => ({ id: _id, name, seen, ...(note ? { note } : {}), version }),
      toDoc: ({ id: _id, ...fields }) => fields,
      version: (c) => c.version,
      notFound: (id) => errors.notFound(`Счётчик ${id} не найден`),
      conflict: () => errors.conflict('concurrent_update', 'Счётчик одновременно изменили'),
      // Twelve writers queue for one lock: on a loaded machine the last waits long.
      lockWaitMs: 120_000,
    });
  const bump = (c: Counter, i: number) => ({ ...c, seen: [...c.seen, i], version: c.version + 1 });
  const published = async (id: string) => (await probe.events('gateway')).filter((e) => (e.envelope.data as ReturnType<typeof user>).user.id === id);

  beforeAll(async () => {
    env = createTestEnv();
    conn = await mongoose.createConnection(env.mongoUrl, { dbName: env.dbName('gateway') }).asPromise();
    model = conn.model<CounterDoc>(
      'Counter',
      new Schema(
        { _id: String, name: { type: String, unique: true }, seen: [Number], note: String, touchedBy: String, version: Number, ...outboxFields },
        { versionKey: false },
      ),
    );
    await model.createIndexes();
    // A sweep far in the future: whatever reaches the stream here was published right after its write.
    bus = await MessageBus.connect(
      {
        url: env.natsUrl,
        name: 'aggregate-store-test',
        prefix: env.prefix,
        storage: 'memory',
        duplicateWindowMs: 60_000,
        maxAgeMs: 3600_000,
        rpcTimeoutMs: 5000,
        relay: { enabled: true, sweepIntervalMs: 3600_000 },
      },
      { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined },
    );
    await bus.ensureProducerStream('gateway');
    probe = await BusProbe.connect(env);
    store = storeOf(bus.outbox);
  });

  afterAll(async () => {
    await bus?.close();
    await probe?.close();
    await conn?.close();
    await env?.cleanup();
  });

  it('inserts the document with its events and publishes them right after the write', async () => {
    const c: Counter = { id: 'c-1', name: 'первый', seen: [], version: 1 };
    await expect(store.insert(c, [createEvent(userEvents.created, user(c))])).resolves.toBe(true);
    const events = await published('c-1');
    expect(events.map((e) => e.envelope.type)).toEqual(['user.created']);
    const doc = await model.findById('c-1').lean();
    expect(doc).toMatchObject({ name: 'первый', version: 1, outbox: [] });
  });

  it('refuses a duplicate key with false: nothing written, nothing published', async () => {
    const again: Counter = { id: 'c-1', name: 'другой', seen: [], version: 1 };
    await expect(store.insert(again, [createEvent(userEvents.created, user(again))])).resolves.toBe(false);
    // Another unique key (the name) than `_id`, too.
    const sameName: Counter = { id: 'c-1b', name: 'первый', seen: [], version: 1 };
    await expect(store.insert(sameName, [createEvent(userEvents.created, user(sameName))])).resolves.toBe(false);
    expect((await model.findById('c-1').lean())?.name).toBe('первый');
    expect(await model.findById('c-1b').lean()).toBeNull();
    expect(await published('c-1b')).toHaveLength(0);
    expect((await published('c-1')).map((e) => e.envelope.data)).toEqual([user({ id: 'c-1', name: 'первый', seen: [], version: 1 })]);
  });

  it('serialises concurrent updates: 12 decisions on the current state, none lost, events in order', async () => {
    const c: Counter = { id: 'c-2', name: 'второй', seen: [], version: 1 };
    await store.insert(c, []);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        store.update('c-2', (current) => {
          const next = bump(current, i);
          return { next, events: [createEvent(userEvents.created, user(next))] };
        }),
      ),
    );
    const doc = await model.findById('c-2').lean();
    expect(doc?.version).toBe(13);
    expect([...(doc?.seen ?? [])].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(doc?.outbox).toEqual([]);
    // Published once each, in the order of the versions written.
    const versions = (await published('c-2')).map((e) => (e.envelope.data as ReturnType<typeof user>).user.version);
    expect(versions).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
    expect(await conn.collection('document_locks').countDocuments()).toBe(0);
  });

  it('decides again when its write was lost to a writer outside the lock, and says 409 when that never stops', async () => {
    const c: Counter = { id: 'c-3', name: 'третий', seen: [], version: 1 };
    await store.insert(c, []);
    // A writer that outlived its lock writes between our read and our write, once.
    let decided = 0;
    const after = await store.update('c-3', async (current) => {
      decided++;
      if (decided === 1) await model.updateOne({ _id: 'c-3' }, { $set: { version: current.version + 1, touchedBy: 'other' }, $push: { seen: 100 } });
      return { next: bump(current, decided), events: [createEvent(userEvents.created, user(bump(current, decided)))] };
    });
    expect(decided).toBe(2);
    expect(after).toMatchObject({ version: 3, seen: [100, 2] }); // decided on the other's state, not over it
    expect(await model.findById('c-3').lean()).toMatchObject({ version: 3, seen: [100, 2], touchedBy: 'other' });
    expect((await published('c-3')).map((e) => (e.envelope.data as ReturnType<typeof user>).user.version)).toEqual([3]);

    // Lost on every attempt: a 409, and nothing of ours written or published.
    let tries = 0;
    const err = await store
      .update('c-3', async (current) => {
        tries++;
        await model.updateOne({ _id: 'c-3' }, { $set: { version: current.version + 1 } });
        return { next: { ...current, name: 'наше', version: current.version + 1 }, events: [createEvent(userEvents.created, user(current))] };
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ status: 409, code: 'concurrent_update' });
    expect(tries).toBe(UPDATE_ATTEMPTS);
    expect((await model.findById('c-3').lean())?.name).toBe('третий');
    expect(await published('c-3')).toHaveLength(1);
  });

  it('writes nothing when the decision is null or throws, and releases the lock', async () => {
    const c: Counter = { id: 'c-4', name: 'четвёртый', seen: [], note: 'заметка', version: 1 };
    await store.insert(c, []);
    await expect(store.update('c-4', () => null)).resolves.toEqual(c);
    await expect(
      store.update('c-4', () => {
        throw errors.conflict('wrong_state', 'Нельзя');
      }),
    ).rejects.toMatchObject({ status: 409, code: 'wrong_state' });
    expect(await model.findById('c-4').lean()).toMatchObject({ version: 1, note: 'заметка' });
    expect(await conn.collection('document_locks').countDocuments({ key: 'counters:c-4' })).toBe(0);
    // The lock is free: the next writer is not kept waiting.
    await expect(withDocumentLock(model, 'c-4', async () => 'free', { waitMs: 0 })).resolves.toBe('free');
  });

  it('removes an optional field the next state leaves out, and keeps fields it stores beside the state', async () => {
    await store.update('c-4', (current) => {
      const { note: _cleared, ...rest } = current;
      return { next: { ...rest, version: current.version + 1 }, events: [], alsoSet: { touchedBy: 'scheduler' } };
    });
    const doc = await model.findById('c-4').lean();
    expect(doc).toMatchObject({ version: 2, touchedBy: 'scheduler' });
    expect(doc).not.toHaveProperty('note');
    await store.update('c-4', (current) => ({ next: bump(current, 1), events: [] }));
    expect((await model.findById('c-4').lean())?.touchedBy).toBe('scheduler');
  });

  it('answers not found for an unknown or malformed id without taking a lock, and refuses a write that skips a version', async () => {
    await expect(store.update('c-none', () => null)).rejects.toMatchObject({ status: 404, message: 'Счётчик c-none не найден' });
    await expect(store.update('x', () => null)).rejects.toMatchObject({ status: 404 });
    expect(await conn.collection('document_locks').countDocuments({ key: 'counters:c-none' })).toBe(0);
    await expect(store.update('c-4', (current) => ({ next: { ...current, version: current.version + 2 }, events: [] }))).rejects.toThrow(
      'raise its version by one',
    );
  });

  it('writes nothing once the caller of the request has stopped waiting (it was told 504)', async () => {
    const c: Counter = { id: 'c-6', name: 'шестой', seen: [], version: 1 };
    await store.insert(c, []);
    const late = runWithContext({ correlationId: 'slow', deadline: Date.now() + 50 }, () =>
      store.update('c-6', async (current) => {
        await new Promise((r) => setTimeout(r, 120)); // e.g. waiting for the lock behind others
        return { next: bump(current, 1), events: [createEvent(userEvents.created, user(bump(current, 1)))] };
      }),
    );
    await expect(late).rejects.toMatchObject({ status: 504 });
    expect(await model.findById('c-6').lean()).toMatchObject({ version: 1, seen: [] });
    expect(await published('c-6')).toHaveLength(0);
    // In time, the same change is written.
    const inTime = runWithContext({ correlationId: 'quick', deadline: Date.now() + 10_000 }, () =>
      store.update('c-6', (current) => ({ next: bump(current, 1), events: [] })),
    );
    await expect(inTime).resolves.toMatchObject({ version: 2 });
  });

  it('without a relay (a command-line tool) leaves the events in the outbox for the running relay', async () => {
    const offline = storeOf(null);
    const c: Counter = { id: 'c-5', name: 'пятый', seen: [], version: 1 };
    await offline.insert(c, [createEvent(userEvents.created, user(c))]);
    expect((await model.findById('c-5').lean())?.outbox).toHaveLength(1);
    expect(await published('c-5')).toHaveLength(0);
    await bus.outbox.publishPending(model, 'c-5');
    expect(await published('c-5')).toHaveLength(1);
    expect((await model.findById('c-5').lean())?.outbox).toEqual([]);
  });
});
