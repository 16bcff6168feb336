import { headers as natsHeaders, JetStreamClient } from 'nats';
import { DomainError, naming, userEvents, healthRpc } from '@tochka/contracts';
import { appendToOutbox, connectRpcOnly, createEvent, newOutbox, publishEvent, toEnvelope } from '@tochka/messaging';
import { RunningService, startService, baseConfigSchema } from '@tochka/runtime';
import { BusProbe, createTestEnv, eventually, TestEnv } from '@tochka/testing';
import { attempts, PROBE_MODEL, ProbeModel, ProbeModule, received } from './fixture';

const user = (id: string, name: string) => ({
  user: { id, email: `${id}@example.test`, name, role: 'staff' as const, organizationId: 'org1', active: true, version: 1 },
});

describe('messaging: JetStream consumers, outbox, request/reply', () => {
  let env: TestEnv;
  let probe: BusProbe;
  let service: RunningService;
  let js: JetStreamClient;

  const start = (extra: Record<string, unknown> = {}) =>
    startService({
      service: 'notifications',
      configSchema: baseConfigSchema,
      module: ProbeModule,
      overrides: env.overrides('notifications', { EVENT_MAX_DELIVER: 3, EVENT_BACKOFF_MS: '150,300', ...extra }),
    });

  beforeAll(async () => {
    env = createTestEnv();
    probe = await BusProbe.connect(env);
    js = probe.nc.jetstream();
    service = await start();
  });

  afterAll(async () => {
    await service?.close();
    await probe?.close();
    await env?.cleanup();
  });

  it('answers health over NATS request/reply', async () => {
    const health = await service.runtime.bus.rpc.request(healthRpc('notifications'), {});
    expect(health).toEqual({ service: 'notifications', status: 'up', checks: { nats: 'up', mongo: 'up' } });
  });

  it('a requests-only connection (command-line tools) asks the services and provisions no stream', async () => {
    const jsm = await probe.nc.jetstreamManager();
    const streamsOf = async (prefix: string) => {
      const names: string[] = [];
      for await (const name of jsm.streams.names()) if (name.startsWith(prefix.toUpperCase())) names.push(name);
      return names.sort();
    };
    const before = await streamsOf(env.prefix);
    const client = await connectRpcOnly(env.natsUrl, 'cli-test', env.prefix, 5_000);
    try {
      await expect(client.rpc.request(healthRpc('notifications'), {})).resolves.toMatchObject({ service: 'notifications', status: 'up' });
    } finally {
      await client.close();
    }
    expect(await streamsOf(env.prefix)).toEqual(before);
    // On a prefix no service uses, it creates nothing at all (a full MessageBus would create the dead-letter stream).
    const unused = `${env.prefix}x`;
    const lonely = await connectRpcOnly(env.natsUrl, 'cli-test', unused, 300);
    try {
      await expect(lonely.rpc.request(healthRpc('notifications'), {})).rejects.toBeInstanceOf(DomainError);
    } finally {
      await lonely.close();
    }
    expect(await streamsOf(unused)).toEqual([]);
  });

  it('rejects a request its contract does not allow with a 400 naming the field, in Russian', async () => {
    const reply = await probe.nc.request(naming.rpcSubject(env.prefix, 'notifications.health'), JSON.stringify({ $where: '1' }));
    const body = JSON.parse(reply.string());
    expect(body.ok).toBe(false);
    expect(body.error.status).toBe(400);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.errors[0].message).toMatch(/[а-яА-Я]/);
    // The client validates before sending, too.
    await expect(service.runtime.bus.rpc.request(healthRpc('notifications'), { extra: 1 } as never)).rejects.toBeInstanceOf(DomainError);
  });

  it('says which service is unavailable when nobody answers', async () => {
    const err = await service.runtime.bus.rpc.request(healthRpc('calendar'), {}).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.status).toBe(503);
    expect(err.message).toContain('Календарь');
  });

  it('gives up on a service that does not answer in time with a 504, not a hang', async () => {
    const silent = probe.nc.subscribe(naming.rpcSubject(env.prefix, 'registrations.health'), { callback: () => undefined });
    await probe.nc.flush(); // the server knows of the listener before the request goes out
    const err = await service.runtime.bus.rpc.request(healthRpc('registrations'), {}, { timeoutMs: 300 }).catch((e) => e);
    silent.unsubscribe();
    expect(err).toBeInstanceOf(DomainError);
    expect(err.status).toBe(504);
    expect(err.message).toContain('Регистрации');
  });

  it('dead-letters a message with a bad payload and keeps the good ones flowing', async () => {
    const h = natsHeaders();
    h.set('x-correlation-id', 'corr-bad-1');
    const bad = { ...toEnvelope(createEvent(userEvents.created, user('u-bad', 'Плохой'))), data: { user: { id: 'u-bad', $where: 'x' } } };
    await js.publish(naming.eventSubject(env.prefix, 'user.created'), JSON.stringify(bad), { headers: h, msgID: bad.id });
    await publishEvent(js, env.prefix, createEvent(userEvents.created, user('u-good', 'Хороший')));

    await eventually(() => received.some((r) => r.id === 'u-good'));
    const dead = await eventually(async () => (await probe.deadLetters()).find((d) => d.envelope.id === bad.id));
    expect(dead.headers['x-dead-letter-reason']).toBe('invalid_payload');
    expect(dead.headers['x-original-subject']).toBe(naming.eventSubject(env.prefix, 'user.created'));
    expect(dead.headers['x-correlation-id']).toBe('corr-bad-1');
    expect(dead.subject).toBe(naming.deadLetterSubject(env.prefix, 'notifications'));
    expect(received.some((r) => r.id === 'u-bad')).toBe(false);
  });

  it('processes an event from a newer producer carrying fields this consumer does not know, without them', async () => {
    // An additive change: same version, one more field in the payload and in the envelope.
    const event = toEnvelope(createEvent(userEvents.created, user('u-newer', 'Из новой версии')));
    const newer = {
      ...event,
      schemaUrl: 'https://example.test/user.created',
      data: { ...(event.data as object), source: 'import', user: { ...user('u-newer', 'Из новой версии').user, phone: '+7 900 000-00-00' } },
    };
    await js.publish(naming.eventSubject(env.prefix, 'user.created'), JSON.stringify(newer), { msgID: newer.id });
    const handled = await eventually(() => received.find((r) => r.id === 'u-newer'));
    expect(handled.keys).toEqual(['user', 'id', 'email', 'name', 'role', 'organizationId', 'active', 'version']);
    expect((await probe.deadLetters()).some((d) => d.envelope.id === newer.id)).toBe(false);
  });

  it('skips another version of an event it handles (published beside the old one during a breaking change)', async () => {
    const v2 = { ...toEnvelope(createEvent(userEvents.created, user('u-v2', 'Версия 2'))), version: 2, data: { account: { id: 'u-v2' } } };
    await js.publish(naming.eventSubject(env.prefix, 'user.created'), JSON.stringify(v2), { msgID: v2.id });
    await publishEvent(js, env.prefix, createEvent(userEvents.created, user('u-v1-after', 'После версии 2')));
    await eventually(() => received.some((r) => r.id === 'u-v1-after'));
    expect(received.some((r) => r.id === 'u-v2')).toBe(false);
    expect((await probe.deadLetters()).some((d) => d.envelope.id === v2.id)).toBe(false);
  });

  it('reads an RPC reply tolerantly: a key the client does not know yet is dropped, a wrong value still refused', async () => {
    const answer = (data: unknown) =>
      probe.nc.subscribe(naming.rpcSubject(env.prefix, 'calendar.health'), {
        max: 1,
        callback: (_err, msg) => msg.respond(JSON.stringify({ ok: true, data, servedBy: 'calendar-2' })),
      });
    answer({ service: 'calendar', status: 'up', checks: { nats: 'up' }, uptimeSeconds: 12 });
    await probe.nc.flush();
    await expect(service.runtime.bus.rpc.request(healthRpc('calendar'), {})).resolves.toEqual({ service: 'calendar', status: 'up', checks: { nats: 'up' } });
    answer({ service: 'calendar', status: 'sleeping', checks: {} });
    await probe.nc.flush();
    await expect(service.runtime.bus.rpc.request(healthRpc('calendar'), {})).rejects.toThrow();
  });

  it('stores and delivers an event published twice with one id once', async () => {
    const event = createEvent(userEvents.created, user('u-twice', 'Дважды'));
    const first = await publishEvent(js, env.prefix, event);
    const second = await publishEvent(js, env.prefix, event);
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    await publishEvent(js, env.prefix, createEvent(userEvents.created, user('u-after', 'После')));
    await eventually(() => received.some((r) => r.id === 'u-after'));
    expect(received.filter((r) => r.id === 'u-twice')).toHaveLength(1);
    expect((await probe.events('gateway')).filter((e) => e.envelope.id === event.id)).toHaveLength(1);
  });

  it('redelivers a failing handler with growing backoff up to the limit, then dead-letters it', async () => {
    const event = createEvent(userEvents.created, user('u-fail', 'fail always'));
    await publishEvent(js, env.prefix, event);
    const dead = await eventually(async () => (await probe.deadLetters()).find((d) => d.envelope.id === event.id));
    expect(dead.headers['x-dead-letter-reason']).toBe('handler_failed');
    expect(dead.headers['x-dead-letter-error']).toContain('cannot handle fail always');
    expect(dead.headers['x-deliveries']).toBe('3');
    const times = attempts.get('u-fail')!;
    expect(times).toHaveLength(3);
    // Backoff 150 ms then 300 ms: each retry waits at least its delay (lower bounds only).
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(140);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(290);
    // The consumer is still alive afterwards.
    await publishEvent(js, env.prefix, createEvent(userEvents.created, user('u-next', 'Следующий')));
    await eventually(() => received.some((r) => r.id === 'u-next'));
  });

  it('publishes, on its periodic sweep, an event another process wrote while this one runs', async () => {
    // E.g. an account created by the CLI straight into the gateway's database.
    const model = service.app.get<ProbeModel>(PROBE_MODEL);
    await new Promise((r) => setTimeout(r, 500)); // well after the start-up sweep
    const e = createEvent(userEvents.created, user('u-swept', 'Из другого процесса'));
    await model.collection.insertOne({ _id: 'p-swept', name: 'state', ...newOutbox([e]) } as never);
    await eventually(async () => (await probe.events('gateway')).some((s) => s.envelope.id === e.id), 5000);
    await eventually(() => received.some((r) => r.id === 'u-swept'));
  });

  it('publishes, once, an event written with state when the service comes back after dying before publishing', async () => {
    // The service dies between the write and the publish: simulated by a process whose relay never runs.
    await service.close();
    service = await start({ OUTBOX_RELAY_ENABLED: false });
    const model = service.app.get<ProbeModel>(PROBE_MODEL);
    const e1 = createEvent(userEvents.created, user('u-outbox-1', 'Из outbox 1'));
    const e2 = createEvent(userEvents.created, user('u-outbox-2', 'Из outbox 2'));
    await model.create({ _id: 'p1', name: 'state', outbox: [] });
    await model.updateOne({ _id: 'p1' }, appendToOutbox([e1, e2], { $set: { name: 'changed' } }));
    // A second document whose first event did reach NATS before the crash (published, not yet popped).
    const e3 = createEvent(userEvents.created, user('u-outbox-3', 'Из outbox 3'));
    await model.create({ _id: 'p2', name: 'state', outbox: [] });
    await model.updateOne({ _id: 'p2' }, appendToOutbox([e3]));
    await publishEvent(js, env.prefix, e3);
    // A document stored before the pending flag existed: events, no flag, its collection not adopted yet.
    const e4 = createEvent(userEvents.created, user('u-outbox-4', 'Из outbox 4'));
    await model.collection.insertOne({ _id: 'p3', name: 'state', outbox: newOutbox([e4]).outbox } as never);
    await model.db.collection('outbox_flag_adopted').deleteMany({});
    await new Promise((r) => setTimeout(r, 400));
    expect((await probe.events('gateway')).some((e) => e.envelope.id === e1.id)).toBe(false);
    await service.close();

    service = await start();
    const revived = service.app.get<ProbeModel>(PROBE_MODEL);
    await eventually(
      async () => (await revived.countDocuments({ 'outbox.0': { $exists: true } })) === 0 && (await revived.countDocuments({ outboxPending: true })) === 0,
    );
    const stored = await probe.events('gateway');
    for (const e of [e1, e2, e3, e4]) expect(stored.filter((s) => s.envelope.id === e.id)).toHaveLength(1);
    // In order, as written.
    const order = stored.map((s) => s.envelope.id).filter((id) => id === e1.id || id === e2.id);
    expect(order).toEqual([e1.id, e2.id]);
    expect((await revived.findById('p1').lean())?.name).toBe('changed');
    await eventually(() => ['u-outbox-1', 'u-outbox-2', 'u-outbox-3'].every((id) => received.some((r) => r.id === id)));
    expect(received.filter((r) => r.id === 'u-outbox-3')).toHaveLength(1);
  });
});
