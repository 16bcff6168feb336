import { startGateway } from '@tochka/gateway';
import { startRegistrations } from '@tochka/registrations';
import { Api, CalendarFeed, createTestEnv, eventually, hostPortOf, TcpProxy, TestEnv, userApi } from '@tochka/testing';

/**
 * Faults during a registration burst, bounded and in-process: the registrations service reaches
 * its database and NATS through cables the test pulls mid-burst (TcpProxy: every connection is
 * dropped and new ones refused, then the port answers again). Whatever happens: no 500; every
 * registration that was answered 201 is in the ledger afterwards; no event is overbooked; the
 * waitlist is 1..n; a request that failed may be sent again (Idempotency-Key) and is taken once.
 */
describe('faults during a registration burst', () => {
  const SEATS = 20;
  const KINDERGARTENS = ['ds-1', 'ds-2', 'ds-3', 'ds-4'];
  let env: TestEnv;
  let db: TcpProxy;
  let bus: TcpProxy;
  let registrations: Awaited<ReturnType<typeof startRegistrations>>;
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  let coordinator: Api;
  let partners: Api[];
  let feed: CalendarFeed;

  beforeAll(async () => {
    env = createTestEnv();
    db = await TcpProxy.start(hostPortOf(env.mongoUrl));
    bus = await TcpProxy.start(hostPortOf(env.natsUrl));
    registrations = await startRegistrations({
      overrides: env.overrides('registrations', { MONGO_URL: db.rewrite(env.mongoUrl), NATS_URL: bus.rewrite(env.natsUrl) }),
    });
    gateway = await startGateway({ overrides: env.overrides('gateway', { RPC_TIMEOUT_MS: 8000 }) });
    coordinator = await userApi(gateway, 'metodist@mk-moshr.test', 'coordinator', 'mk-moshr');
    partners = await Promise.all(KINDERGARTENS.map((id) => userApi(gateway, `metodist@${id}.test`, 'kindergarten', id)));
    feed = new CalendarFeed(gateway.runtime.bus);
  }, 90_000);

  afterAll(async () => {
    await gateway?.close();
    await registrations?.close();
    await Promise.all([db?.close(), bus?.close()]);
    await env?.cleanup();
  });

  const openEvent = async () => {
    const start = new Date(Date.now() + 7 * 24 * 3600_000);
    const event = await feed.approved(
      CalendarFeed.event({
        start: start.toISOString(),
        end: new Date(start.getTime() + 90 * 60_000).toISOString(),
        capacity: { seats: SEATS },
        partners: KINDERGARTENS.map((id) => ({ organizationId: id, organizationName: `МБДОУ д/с ${id}` })),
      }),
    );
    await eventually(async () => (await coordinator.get(`/api/events/${event.id}/registrations`)).status === 200, 90_000, 250);
    return event;
  };

  const body = (i: number) => ({
    groupName: `Группа № ${i + 1}`,
    children: 1 + (i % 3),
    adults: [{ name: 'Воспитатель', phone: '+7 900 000-00-00' }],
    contactEmail: 'group@ds.test',
  });

  for (const fault of ['database', 'NATS'] as const) {
    it(`${fault} lost for 2 s during a burst of 60: no 500, nothing accepted lost, nothing overbooked; retries are taken once`, async () => {
      const event = await openEvent();
      const cable = fault === 'database' ? db : bus;
      const send = (i: number) =>
        partners[i % partners.length]!.post(`/api/events/${event.id}/registrations`, body(i), { 'idempotency-key': `${event.id}-${i}` });
      const burst = Promise.all(Array.from({ length: 60 }, (_, i) => new Promise((r) => setTimeout(r, i * 15)).then(() => send(i))));
      await new Promise((r) => setTimeout(r, 300));
      await cable.cut();
      await new Promise((r) => setTimeout(r, 2000));
      await cable.restore();
      const answers = await burst;

      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => ![201, 503, 504].includes(s))).toEqual([]);
      for (const a of answers.filter((x) => x.status !== 201)) expect(a.headers.get('content-type')).toMatch(/^application\/problem\+json/);

      // The failed ones are sent again with their keys, until the service answers.
      const final = await Promise.all(
        answers.map(async (a, i) => {
          if (a.status === 201) return a;
          return eventually(
            async () => {
              const again = await send(i);
              return again.status === 201 && again;
            },
            90_000,
            500,
          );
        }),
      );

      const list = (await coordinator.get(`/api/events/${event.id}/registrations`)).body;
      const ids = list.items.map((r: { id: string }) => r.id);
      // Everything accepted is there, once; each retry was the same registration (or the first time it was taken).
      expect(new Set(ids).size).toBe(60);
      for (const a of final) expect(ids).toContain(a.body.id);
      const confirmed = list.items
        .filter((r: { status: string }) => r.status === 'confirmed')
        .reduce((n: number, r: { children: number }) => n + r.children, 0);
      expect(confirmed).toBeLessThanOrEqual(SEATS);
      const waitlisted = list.items.filter((r: { status: string }) => r.status === 'waitlisted');
      expect(waitlisted.map((r: { waitlistPosition: number }) => r.waitlistPosition)).toEqual(waitlisted.map((_: unknown, i: number) => i + 1));
      // Health is back.
      await eventually(async () => (await new Api(gateway.url).get('/health')).body?.services?.registrations === 'up', 60_000, 500);
      if (process.env.FAULTS_REPORT) {
        process.stdout.write(
          `faults (${fault}): 60 requests, ${statuses.filter((s) => s === 201).length} accepted during the fault, ${statuses.filter((s) => s !== 201).length} 503/504 retried, 0 500\n`,
        );
      }
    }, 300_000);
  }
});
