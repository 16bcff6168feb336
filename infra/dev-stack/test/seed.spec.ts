import { startAgreements } from '@tochka/agreements';
import { startCalendar } from '@tochka/calendar';
import { agreementValidOn, moscowDate } from '@tochka/contracts';
import { agreements as seedAgreements, demoUsers, DEV_DEMO_PASSWORD, festivals, organizations, planEvents } from '@tochka/district-data';
import { startGateway } from '@tochka/gateway';
import { Api, BusProbe, createTestEnv, ManualClock, Started, startStack, TestEnv } from '@tochka/testing';
import { seedDistrict } from '../src/seed';

describe('district seed', () => {
  let env: TestEnv;
  let stack: Started<{ agreements: typeof startAgreements; calendar: typeof startCalendar; gateway: typeof startGateway }>;
  let probe: BusProbe;

  const seed = () => seedDistrict({ rpc: stack.gateway.runtime.bus.rpc, users: stack.gateway.users }, { password: DEV_DEMO_PASSWORD });

  beforeAll(async () => {
    env = createTestEnv();
    // The network as it was on 1 December 2022.
    stack = await startStack(
      env,
      { agreements: startAgreements, calendar: startCalendar, gateway: startGateway },
      { clock: new ManualClock('2022-12-01T09:00:00Z') },
    );
    probe = await BusProbe.connect(env);
  });

  afterAll(async () => {
    await stack?.close();
    await probe?.close();
    await env?.cleanup();
  });

  it('loads the district through the services, and a second run changes nothing', async () => {
    const first = await seed();
    expect(first).toEqual({
      organizations: { created: organizations.length, existing: 0 },
      agreements: { loaded: 25 },
      festivals: { loaded: festivals.length },
      events: { loaded: planEvents.length },
      users: { created: demoUsers.length, existing: 0 },
    });
    const eventsAfterFirst = (await probe.events('agreements')).length;
    expect(eventsAfterFirst).toBe(organizations.length + 25);
    const calendarAfterFirst = await probe.events('calendar');
    expect(calendarAfterFirst.map((e) => e.envelope.type)).toEqual(planEvents.map(() => 'event.approved'));

    const second = await seed();
    expect(second).toEqual({
      organizations: { created: 0, existing: organizations.length },
      agreements: { loaded: 25 },
      festivals: { loaded: festivals.length },
      events: { loaded: planEvents.length },
      users: { created: 0, existing: demoUsers.length },
    });
    expect((await probe.events('agreements')).length).toBe(eventsAfterFirst);
    expect((await probe.events('calendar')).length).toBe(calendarAfterFirst.length);
  });

  it('has the 2022–2023 plan-schedule as approved events, each under an agreement valid on its date with host and partners as parties', async () => {
    const coordinator = await new Api(stack.gateway.url).login(demoUsers.find((u) => u.role === 'coordinator')!.email, DEV_DEMO_PASSWORD);
    const events = (await coordinator.get('/api/events?limit=200')).body;
    expect(events.total).toBe(planEvents.length);
    const agreementsById = new Map((await coordinator.get('/api/agreements?limit=200')).body.items.map((a: any) => [a.id, a]));
    for (const e of events.items) {
      expect({ title: e.title, status: e.status }).toEqual({ title: e.title, status: 'approved' });
      if (!e.partners.length) continue;
      const agreement: any = agreementsById.get(e.agreementId);
      expect(agreement).toBeDefined();
      const parties = agreement.parties.map((p: any) => p.organizationId);
      expect({ event: e.title, missing: [e.host, ...e.partners].map((o: any) => o.organizationId).filter((o: string) => !parties.includes(o)) }).toEqual({
        event: e.title,
        missing: [],
      });
      for (const instant of [e.start, e.end]) {
        expect({ event: e.title, date: moscowDate(new Date(instant)), valid: agreementValidOn(agreement, moscowDate(new Date(instant))) }).toMatchObject({
          valid: true,
        });
      }
    }

    const plan = (await coordinator.get('/api/plan?schoolYear=2022-2023')).body;
    expect(plan.total).toBe(planEvents.length);
    expect(plan.months.map((m: any) => m.month)).toEqual(['2022-11', '2022-12', '2023-01', '2023-02', '2023-03', '2023-04']);
    const titles = plan.months.flatMap((m: any) => m.events.map((e: any) => `${e.title} ${e.description}`)).join('\n');
    for (const documented of ['Белая ладья', 'КВИЛТ', 'Запускаем роботов', 'СОШ № 10', 'ЛЕГО', 'VR', 'детского сада № 9', 'эмблем'])
      expect(titles).toContain(documented);

    const [festival] = (await coordinator.get('/api/festivals')).body.items;
    expect(festival).toMatchObject({ name: 'Траектория успеха — «Точка роста»', startDate: '2023-04-17', endDate: '2023-04-28' });
    const program = (await coordinator.get(`/api/festivals/${festival.id}`)).body.program;
    expect(program).toHaveLength(planEvents.filter((e) => e.festival).length);
    expect(program[program.length - 1].kind).toBe('festival_closing');
  });

  it('has all 25 agreements active on 1 December 2022, the documented pairs among them', async () => {
    const coordinator = await new Api(stack.gateway.url).login(demoUsers.find((u) => u.role === 'coordinator')!.email, DEV_DEMO_PASSWORD);
    const res = await coordinator.get('/api/agreements?validOn=2022-12-01&status=active&limit=200');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(25);
    expect(res.body.items.map((a: any) => a.number).sort()).toEqual(seedAgreements.map((a) => a.number).sort());
    const pairs = res.body.items.map((a: any) =>
      a.parties
        .map((p: any) => p.organizationId)
        .sort()
        .join('+'),
    );
    for (const pair of ['ds-5+sosh-3', 'ds-9+sosh-5', 'sosh-5+sosh-9', 'sosh-10+sosh-9', 'sosh-27+sosh-5']) expect(pairs).toContain(pair);
    for (const a of res.body.items) {
      expect(a.signatures).toHaveLength(a.parties.length);
      expect(a.signatures.every((s: any) => s.signedAt < '2022-12-01')).toBe(true);
    }
  });

  it('lets every demo user sign in with the documented development password', async () => {
    for (const u of demoUsers) {
      const me = await (await new Api(stack.gateway.url).login(u.email, DEV_DEMO_PASSWORD)).get('/api/me');
      expect(me.body).toMatchObject({ email: u.email, role: u.role, organizationId: u.organization });
    }
  });
});
