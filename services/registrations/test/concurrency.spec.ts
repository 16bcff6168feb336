import { startGateway } from '@tochka/gateway';
import { OUTBOX_GROUPS, StagedGroupDoc, stagedMembers } from '@tochka/messaging';
import { startRegistrations } from '@tochka/registrations';
import { RunningService } from '@tochka/runtime';
import { Api, BusProbe, CalendarFeed, createTestEnv, eventually, Started, startStack, TestEnv, userApi } from '@tochka/testing';
import { LedgerWriter } from '../src/ledger/ledger-writer';

const REQUESTS = 300;
const SEATS = 30;
const KINDERGARTENS = ['ds-1', 'ds-2', 'ds-3', 'ds-4', 'ds-5'];

describe.each([1, 2])('%i instance(s): 300 concurrent registrations for 30 seats', (instanceCount) => {
  let env: TestEnv;
  let stack: Started<{ registrations: typeof startRegistrations; gateway: typeof startGateway }>;
  let instances: RunningService[];
  let probe: BusProbe;
  let coordinator: Api;
  let partners: Api[];

  beforeAll(async () => {
    env = createTestEnv();
    // The burst queues behind one event's commits: give the gateway time to wait for its answers.
    // With two instances, the gateway sends each request to either of them (no affinity, see
    // affinity.spec.ts): the worst case, every instance writing the same ledger at once.
    stack = await startStack(
      env,
      { registrations: startRegistrations, gateway: startGateway },
      { overrides: { gateway: { RPC_TIMEOUT_MS: 30_000, RPC_AFFINITY: instanceCount === 1 } } },
    );
    instances = [stack.registrations];
    // More instances on the same database and subject prefix: one queue group, one durable consumer.
    while (instances.length < instanceCount) instances.push(await startRegistrations({ overrides: env.overrides('registrations') }));
    probe = await BusProbe.connect(env);
    [coordinator, ...partners] = await Promise.all([
      userApi(stack.gateway, 'metodist@mk-moshr.test', 'coordinator', 'mk-moshr'),
      ...KINDERGARTENS.map((id) => userApi(stack.gateway, `metodist@${id}.test`, 'kindergarten', id)),
    ]);
  });

  afterAll(async () => {
    await Promise.all(instances?.slice(1).map((i) => i.close()) ?? []);
    await stack?.close();
    await probe?.close();
    await env?.cleanup();
  });

  it('confirms at most 30 children, exactly the earliest accepted that fit, and numbers the waitlist 1..n', async () => {
    const start = new Date(Date.now() + 7 * 24 * 3600_000);
    const event = await new CalendarFeed(stack.registrations.runtime.bus).approved(
      CalendarFeed.event({
        start: start.toISOString(),
        end: new Date(start.getTime() + 90 * 60_000).toISOString(),
        capacity: { seats: SEATS },
        partners: KINDERGARTENS.map((id) => ({ organizationId: id, organizationName: `МБДОУ д/с ${id}` })),
      }),
    );
    await eventually(async () => (await coordinator.get(`/api/events/${event.id}/registrations`)).status === 200);
    const served = instances.map((i) => jest.spyOn(i.app.get(LedgerWriter), 'run'));

    // Mixed group sizes (1–4 children), unique names, spread over five kindergartens.
    const answers = await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) =>
        partners[i % partners.length].post(
          `/api/events/${event.id}/registrations`,
          {
            groupName: `Группа № ${i + 1}`,
            children: 1 + ((i * 7) % 4),
            adults: [{ name: 'Воспитатель', phone: '+7 900 000-00-00' }],
            contactEmail: 'group@ds.test',
          },
          // As the web app sends them: a request whose connection is reset is sent again, once (Api).
          { 'Idempotency-Key': `burst-${i}` },
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(REQUESTS).fill(201));

    const list = (await coordinator.get(`/api/events/${event.id}/registrations`)).body;
    const items: any[] = list.items; // arrival order
    expect(new Set(items.map((r) => r.id)).size).toBe(REQUESTS);
    expect(new Set(items.map((r) => r.id))).toEqual(new Set(answers.map((a) => a.body.id)));

    // Replay the rule over the arrival order: a group is confirmed exactly when it fits what is left.
    let free = SEATS;
    const expected = items.map((r) => {
      if (r.children > free) return 'waitlisted';
      free -= r.children;
      return 'confirmed';
    });
    expect(items.map((r) => r.status)).toEqual(expected);
    const confirmedChildren = items.filter((r) => r.status === 'confirmed').reduce((n, r) => n + r.children, 0);
    expect(confirmedChildren).toBeLessThanOrEqual(SEATS);
    expect(list.availability).toMatchObject({ confirmedChildren, freeSeats: SEATS - confirmedChildren });

    const waitlisted = items.filter((r) => r.status === 'waitlisted');
    expect(waitlisted.map((r) => r.waitlistPosition)).toEqual(waitlisted.map((_, i) => i + 1));
    // Everyone was told where they stand, and it is where they stand.
    const byId = new Map(items.map((r) => [r.id, r]));
    for (const a of answers) expect([a.body.status, a.body.waitlistPosition]).toEqual([byId.get(a.body.id).status, byId.get(a.body.id).waitlistPosition]);

    // Every instance took part.
    for (const spy of served) expect(spy.mock.calls.length).toBeGreaterThan(0);

    // Each registration is announced exactly once, with its outcome, even where a lost commit was
    // retried: counting what is published and what still waits staged with its commit group (read
    // first: a staged group is deleted only after it is published). A lost commit's events were
    // staged too but are never published: only those of commits that exist count.
    const { mongo } = stack.registrations.runtime;
    const written = new Set(
      (
        await mongo
          .collection('ledger_commits')
          .find({ eventId: event.id }, { projection: { _id: 1 } })
          .toArray()
      ).map((c) => String(c._id)),
    );
    const staged = await mongo.collection<StagedGroupDoc>(OUTBOX_GROUPS).find({ collection: 'ledger_commits' }).toArray();
    const pending = staged
      .flatMap(stagedMembers)
      .filter((d) => written.has(String(d._id)))
      .flatMap((d) => d.outbox)
      .map((o) => ({ id: o.id, type: o.type, data: JSON.parse(o.json) }));
    const streamed = (await probe.events('registrations')).map((e) => ({ id: e.envelope.id, type: e.envelope.type, data: e.envelope.data as any }));
    const announced = [...new Map([...streamed, ...pending].map((e) => [e.id, e])).values()].filter((e) => e.data.event.id === event.id);
    expect(announced.map((e) => [e.data.registration.id, e.type]).sort()).toEqual(items.map((r) => [r.id, `registration.${r.status}`]).sort());
  });
});
