import { userEvents } from '@tochka/contracts';
import { createEvent, OUTBOX_GROUPS, publishEvent, StagedGroupDoc, stagedMembers } from '@tochka/messaging';
import { RunningService, startService, baseConfigSchema } from '@tochka/runtime';
import { BusProbe, createTestEnv, eventually, TestEnv } from '@tochka/testing';
import { PROBE_MODEL, ProbeModel, ProbeModule } from './fixture';

const user = (id: string) => ({
  user: { id, email: `${id}@example.test`, name: `Группа ${id}`, role: 'staff' as const, organizationId: 'org1', active: true, version: 1 },
});

/**
 * The outbox of documents written once, in groups (the registrations ledger's commits): events
 * staged in one document per group before the insert, published from memory after it, and the
 * staged document deleted; what a dead writer left staged is published by a sweep, for the
 * documents that were written only.
 */
describe('messaging: outbox of documents written in groups', () => {
  let env: TestEnv;
  let probe: BusProbe;
  let service: RunningService;

  const start = (extra: Record<string, unknown> = {}) =>
    startService({
      service: 'notifications',
      configSchema: baseConfigSchema,
      module: ProbeModule,
      overrides: env.overrides('notifications', { OUTBOX_SWEEP_MS: 100, OUTBOX_GROUP_STALE_MS: 400, ...extra }),
    });
  const model = () => {
    const m = service.app.get<ProbeModel>(PROBE_MODEL);
    service.runtime.bus.outbox.registerGroups(m, 'batch');
    return m;
  };
  const staged = () => service.runtime.mongo.collection<StagedGroupDoc>(OUTBOX_GROUPS);
  const published = async (ids: string[]) => (await probe.events('gateway')).map((s) => s.envelope.id).filter((id) => ids.includes(id));

  beforeAll(async () => {
    env = createTestEnv();
    probe = await BusProbe.connect(env);
  });

  afterEach(async () => {
    await service?.close();
  });

  afterAll(async () => {
    await probe?.close();
    await env?.cleanup();
  });

  it("publishes the written documents' events in order right after the insert, not a refused one's, and keeps nothing staged", async () => {
    service = await start({ OUTBOX_GROUP_STALE_MS: 60_000 }); // no sweep in the way
    const probes = model();
    const [e1, e2, e3, e4] = ['g1', 'g2', 'g3', 'g4'].map((id) => createEvent(userEvents.created, user(id)));
    // Another writer holds g-c's key: its insert is refused, as a lost ledger version is.
    await probes.collection.insertOne({ _id: 'g-c', name: 'чужой' } as never);
    const group = await service.runtime.bus.outbox.stageGroup(probes, 'group-1', [
      { _id: 'g-a', events: [e1!, e2!] },
      { _id: 'g-b', events: [e3!] },
      { _id: 'g-c', events: [e4!] },
      { _id: 'g-d', events: [] },
    ]);
    expect(await staged().countDocuments({ _id: 'group-1' as never })).toBe(1);
    await probes.collection.insertMany([
      { _id: 'g-a', batch: 'group-1' },
      { _id: 'g-b', batch: 'group-1' },
      { _id: 'g-d', batch: 'group-1' },
    ] as never[]);
    await service.runtime.bus.outbox.publishGroup(probes, group, ['g-a', 'g-b', 'g-d']);

    expect(await published([e1!.id, e2!.id, e3!.id, e4!.id])).toEqual([e1!.id, e2!.id, e3!.id]);
    expect(await staged().countDocuments({})).toBe(0);
    // The documents were written once and never updated: no outbox in them.
    expect(await probes.collection.findOne({ _id: 'g-a' } as never)).toEqual({ _id: 'g-a', batch: 'group-1' });
  });

  it('stages nothing for a group without events', async () => {
    service = await start();
    const probes = model();
    const group = await service.runtime.bus.outbox.stageGroup(probes, 'group-quiet', [{ _id: 'q-1', events: [] }]);
    expect(group.docs).toEqual([]);
    expect(await staged().countDocuments({ _id: 'group-quiet' as never })).toBe(0);
  });

  it('publishes, once, what a writer that died after its insert left staged, for the documents written only', async () => {
    // The writer: its relay never publishes (it dies before), but it stages and inserts.
    service = await start({ OUTBOX_RELAY_ENABLED: false });
    let probes = model();
    const [e5, e6, e7, e11] = ['g5', 'g6', 'g7', 'g11'].map((id) => createEvent(userEvents.created, user(id)));
    const group = await service.runtime.bus.outbox.stageGroup(probes, 'group-2', [
      { _id: 'g-e', events: [e5!] },
      { _id: 'g-f', events: [e6!] },
    ]);
    await probes.collection.insertOne({ _id: 'g-e', batch: 'group-2' } as never); // g-f: never written
    await service.runtime.bus.outbox.publishGroup(probes, group, ['g-e']); // disabled: publishes nothing
    // A group staged by a writer that died before its insert: nothing of it was written.
    await service.runtime.bus.outbox.stageGroup(probes, 'group-3', [{ _id: 'g-g', events: [e7!] }]);
    // A group staged by an older writer, before groups were packed: its events as nested documents.
    const { docs: legacy } = await service.runtime.bus.outbox.stageGroup(probes, 'group-6', [{ _id: 'g-j', events: [e11!] }]);
    await staged().replaceOne({ _id: 'group-6' }, { collection: probes.collection.collectionName, at: new Date(), docs: legacy });
    await probes.collection.insertOne({ _id: 'g-j', batch: 'group-6' } as never);
    // One of them had reached NATS already: stored once all the same.
    await publishEvent(probe.nc.jetstream(), env.prefix, e5!);
    await new Promise((r) => setTimeout(r, 600));
    expect(await staged().countDocuments({})).toBe(3);
    expect(await service.runtime.bus.outbox.backlog()).toMatchObject({ documents: 4 });
    await service.close();

    service = await start();
    probes = model();
    await eventually(async () => (await staged().countDocuments({})) === 0, 10_000);
    expect((await published([e5!.id, e6!.id, e7!.id, e11!.id])).sort()).toEqual([e5!.id, e11!.id].sort());
    expect(await probes.collection.countDocuments({ _id: { $in: ['g-f', 'g-g'] } } as never)).toBe(0);
  });

  it('rewrites events still staged (personal data erased before they leave), and only those asked for', async () => {
    service = await start({ OUTBOX_RELAY_ENABLED: false });
    const probes = model();
    const [kept, erased] = ['g9', 'g10'].map((id) => createEvent(userEvents.created, user(id)));
    await service.runtime.bus.outbox.stageGroup(probes, 'group-5', [{ _id: 'g-i', events: [kept!, erased!] }]);
    const changed = await service.runtime.bus.outbox.rewriteStaged(probes, (o) =>
      o.id === erased!.id ? { ...o, json: o.json.replace('Группа g10', 'Данные удалены') } : o,
    );
    expect(changed).toBe(1);
    const [doc] = stagedMembers((await staged().findOne({ _id: 'group-5' }))!);
    expect(doc!.outbox.map((o) => [o.id, JSON.parse(o.json).user.name])).toEqual([
      [kept!.id, 'Группа g9'],
      [erased!.id, 'Данные удалены'],
    ]);
    expect(await service.runtime.bus.outbox.rewriteStaged(probes, (o) => o)).toBe(0);
    await staged().deleteMany({});
  });

  it('leaves a fresh staged group to its writer', async () => {
    service = await start({ OUTBOX_GROUP_STALE_MS: 60_000 });
    const probes = model();
    const e8 = createEvent(userEvents.created, user('g8'));
    await service.runtime.bus.outbox.stageGroup(probes, 'group-4', [{ _id: 'g-h', events: [e8] }]);
    await probes.collection.insertOne({ _id: 'g-h', batch: 'group-4' } as never);
    // Sweeps every 100 ms; the group is younger than its stale age: nobody but its writer publishes it.
    await new Promise((r) => setTimeout(r, 800));
    expect(await published([e8.id])).toEqual([]);
    expect(await staged().countDocuments({ _id: 'group-4' as never })).toBe(1);
  });
});
