import { startGateway } from '@tochka/gateway';
import { startRegistrations } from '@tochka/registrations';
import {
  AnswerTally,
  Api,
  CalendarFeed,
  createTestEnv,
  derivedDeadline,
  hostPortOf,
  sendUntilAccepted,
  TcpProxy,
  TestEnv,
  timed,
  userApi,
  waitUntil,
} from '@tochka/testing';

/**
 * Faults during a registration burst, bounded and in-process: the registrations service reaches
 * its database and NATS through cables the test pulls mid-burst (TcpProxy: every connection is
 * dropped and new ones refused, then the port answers again). Whatever happens: no 500; every
 * registration that was answered 201 is in the ledger afterwards; no event is overbooked; the
 * waitlist is 1..n; a request that failed is sent again (same Idempotency-Key) and taken once.
 *
 * Bounded for a loaded CI machine: every wait is derived from a round trip measured just before
 * the burst (× 40 plus the outage and an RPC timeout, at least 45 s, at most 100 s), nothing sleeps for a fixed time but the outage.
 */
describe('faults during a registration burst', () => {
  const SEATS = 20;
  const REQUESTS = 60;
  const OUTAGE_MS = 2000;
  const RPC_TIMEOUT_MS = 8000;
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
    gateway = await startGateway({ overrides: env.overrides('gateway', { RPC_TIMEOUT_MS }) });
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

  /** An approved event the registrations service knows, and this machine's round trip to it. */
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
    const list = () => coordinator.get(`/api/events/${event.id}/registrations`);
    await waitUntil(`the registrations service learning of event ${event.id}`, async () => (await list()).status === 200, 60_000, {
      intervalMs: 250,
      describe: async () => `${(await list()).status}`,
    });
    let roundTripMs = 0;
    for (let i = 0; i < 3; i++) roundTripMs = Math.max(roundTripMs, (await timed(list)).ms);
    return { event, roundTripMs };
  };

  const body = (i: number) => ({
    groupName: `Группа № ${i + 1}`,
    children: 1 + (i % 3),
    adults: [{ name: 'Воспитатель', phone: '+7 900 000-00-00' }],
    contactEmail: 'group@ds.test',
  });

  for (const fault of ['database', 'NATS'] as const) {
    it(`${fault} lost for 2 s during a burst of 60: no 500, nothing accepted lost, nothing overbooked; retries are taken once`, async () => {
      const { event, roundTripMs } = await openEvent();
      const deadlineMs = derivedDeadline(roundTripMs, { factor: 40, extraMs: OUTAGE_MS + RPC_TIMEOUT_MS, minMs: 45_000, maxMs: 100_000 });
      const cable = fault === 'database' ? db : bus;
      const tally = new AnswerTally();
      const send = (i: number) =>
        partners[i % partners.length]!.post(`/api/events/${event.id}/registrations`, body(i), { 'idempotency-key': `${event.id}-${i}` });

      // The cable is pulled once the 10th request has been answered, for OUTAGE_MS.
      let answered = 0;
      let pulled: (() => void) | undefined;
      const tenAnswered = new Promise<void>((r) => {
        pulled = r;
      });
      const burst = Promise.all(
        Array.from({ length: REQUESTS }, async (_, i) => {
          await new Promise((r) => setTimeout(r, i * 25));
          const result = await sendUntilAccepted(`registration ${i + 1} of ${REQUESTS}`, () => send(i), { deadlineMs, tally });
          if (++answered === 10) pulled!();
          return result;
        }),
      );
      await Promise.race([tenAnswered, burst]);
      await cable.cut();
      const cutAt = Date.now();
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      await cable.restore();
      const restoredAt = Date.now();
      const results = await burst;
      const acceptedAt = Date.now();

      expect(tally.fiveHundreds).toEqual([]);
      expect(tally.withoutRetryAfter).toEqual([]);
      expect([...tally.byStatus.keys()].filter((s) => ![200, 201, 503, 504].includes(s))).toEqual([]);

      const list = (await coordinator.get(`/api/events/${event.id}/registrations?limit=100`)).body;
      const ids = new Set<string>(list.items.map((r: { id: string }) => r.id));
      // Everything accepted is there, once; a retried request was the same registration.
      const lost = results.map((r, i) => ({ i: i + 1, id: r.res.body.id as string })).filter((r) => !ids.has(r.id));
      expect({ lost, registrations: ids.size }).toEqual({ lost: [], registrations: REQUESTS });
      const confirmed = list.items
        .filter((r: { status: string }) => r.status === 'confirmed')
        .reduce((n: number, r: { children: number }) => n + r.children, 0);
      expect(confirmed).toBeLessThanOrEqual(SEATS);
      const waitlisted = list.items.filter((r: { status: string }) => r.status === 'waitlisted');
      expect(waitlisted.map((r: { waitlistPosition: number }) => r.waitlistPosition).sort((a: number, b: number) => a - b)).toEqual(
        waitlisted.map((_: unknown, i: number) => i + 1),
      );
      // Health is back.
      const health = () => new Api(gateway.url).get('/health');
      await waitUntil('/health saying registrations is up', async () => (await health()).body?.services?.registrations === 'up', deadlineMs, {
        intervalMs: 250,
        describe: async () => JSON.stringify((await health()).body),
      });
      const retried = results.filter((r) => r.attempts > 1).length;
      if (process.env.FAULTS_REPORT) {
        process.stdout.write(
          `faults (${fault} cut ${OUTAGE_MS / 1000} s): ${REQUESTS} registrations, ${tally.total} requests (${tally}), ${retried} retried, ` +
            `0 lost, confirmed ${confirmed}/${SEATS}; all accepted ${Math.round((acceptedAt - restoredAt) / 100) / 10} s after the cable was back ` +
            `(outage ${Math.round((restoredAt - cutAt) / 100) / 10} s, round trip ${roundTripMs} ms, deadline ${Math.round(deadlineMs / 1000)} s)\n`,
        );
      }
    }, 150_000);
  }
});
