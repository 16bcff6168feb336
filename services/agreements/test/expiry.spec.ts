import { agreementRpcs, Actor } from '@tochka/contracts';
import { startAgreements } from '@tochka/agreements';
import { RunningService } from '@tochka/runtime';
import { BusProbe, createTestEnv, eventually, ManualClock, organizationBody, TestEnv } from '@tochka/testing';

const coordinator: Actor = { userId: 'coordinator-1', role: 'coordinator', organizationId: 'mk-moshr' };
const head3: Actor = { userId: 'head-3', role: 'centre_head', organizationId: 'sosh-3' };
const ds5: Actor = { userId: 'ds-5-user', role: 'kindergarten', organizationId: 'ds-5' };

const agreementInput = (number: string, validTo: string) => ({
  number,
  title: 'Соглашение о сотрудничестве',
  parties: [
    { organizationId: 'sosh-3', responsible: { name: 'Кутовая Е.И.' } },
    { organizationId: 'ds-5', responsible: { name: 'Шевчук О.Н.' } },
  ],
  directions: ['robotics' as const],
  validFrom: '2022-11-01',
  validTo,
});

describe('agreements: time-driven transitions and crash safety', () => {
  let env: TestEnv;
  let clock: ManualClock;
  let instances: RunningService[];
  let probe: BusProbe;

  const start = (extra: Record<string, unknown> = {}) =>
    startAgreements({ overrides: env.overrides('agreements', { AGREEMENT_SCHEDULER_INTERVAL_MS: 100, ...extra }), clock });
  const rpc = () => instances[0].runtime.bus.rpc;
  const typesFor = async (id: string) =>
    (await probe.events('agreements')).filter((e) => (e.envelope.data as any).agreement?.id === id).map((e) => e.envelope.type);

  const activeUntil = async (number: string, validTo: string) => {
    const a = await rpc().request(agreementRpcs.create, {
      actor: head3,
      agreement: agreementInput(number, validTo),
    });
    await rpc().request(agreementRpcs.propose, { actor: head3, id: a.id });
    await rpc().request(agreementRpcs.sign, { actor: head3, id: a.id });
    return rpc().request(agreementRpcs.sign, { actor: ds5, id: a.id });
  };

  beforeAll(async () => {
    env = createTestEnv();
    clock = new ManualClock('2022-11-01T09:00:00Z');
    // Two instances of the service on one database and one NATS prefix.
    instances = [await start(), await start()];
    probe = await BusProbe.connect(env);
    for (const body of [organizationBody('sosh-3', 'growth_point_centre', 'МБОУ СОШ № 3'), organizationBody('ds-5', 'kindergarten', 'МБДОУ ЦРР д/с № 5')]) {
      await rpc().request(agreementRpcs.registerOrganization, { actor: coordinator, organization: body as never });
    }
  });

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.close()));
    await probe?.close();
    await env?.cleanup();
  });

  it('announces expiring once, 30 days ahead, and expires after validTo, once, with two instances and a restart', async () => {
    const a = await activeUntil('СВ-2022/50', '2022-12-31');
    await new Promise((r) => setTimeout(r, 300));
    expect(await typesFor(a.id)).not.toContain('agreement.expiring');

    clock.set('2022-12-01T21:00:00Z'); // 2 December in Moscow: 29 days left
    const expiring = await eventually(async () => {
      const e = (await probe.events('agreements')).filter((x) => x.envelope.type === 'agreement.expiring' && (x.envelope.data as any).agreement.id === a.id);
      return e.length ? e : undefined;
    });
    expect((expiring[0].envelope.data as any).daysLeft).toBe(29);

    // A restart of one instance changes nothing: the state is in the database.
    await instances[1].close();
    instances[1] = await start();
    clock.set('2022-12-31T20:59:00Z'); // 31 December, 23:59 in Moscow: still valid
    await new Promise((r) => setTimeout(r, 400));
    expect((await rpc().request(agreementRpcs.get, { id: a.id })).status).toBe('active');

    clock.set('2022-12-31T21:00:00Z'); // 1 January in Moscow
    await eventually(async () => (await rpc().request(agreementRpcs.get, { id: a.id })).status === 'expired');
    await new Promise((r) => setTimeout(r, 500)); // several more ticks on both instances
    expect(await typesFor(a.id)).toEqual([
      'agreement.proposed',
      'agreement.signed',
      'agreement.signed',
      'agreement.activated',
      'agreement.expiring',
      'agreement.expired',
    ]);
  });

  it('publishes, once, the event of a write made just before the service died', async () => {
    clock.set('2022-11-02T09:00:00Z');
    const a = await rpc().request(agreementRpcs.create, {
      actor: head3,
      agreement: agreementInput('СВ-2022/51', '2023-08-31'),
    });
    // Both instances die after the write and before the publish (no relay runs in this one).
    await Promise.all(instances.map((i) => i.close()));
    const crashing = await start({ OUTBOX_RELAY_ENABLED: false });
    const proposed = await crashing.runtime.bus.rpc.request(agreementRpcs.propose, { actor: head3, id: a.id });
    expect(proposed.status).toBe('proposed');
    await crashing.close();
    expect(await typesFor(a.id)).toEqual([]);

    instances = [await start(), await start()];
    await eventually(async () => (await typesFor(a.id)).length === 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(await typesFor(a.id)).toEqual(['agreement.proposed']);
  });
});
