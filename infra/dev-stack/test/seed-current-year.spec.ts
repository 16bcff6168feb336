import { connect } from 'nats';
import { startAgreements } from '@tochka/agreements';
import { startCalendar } from '@tochka/calendar';
import { naming } from '@tochka/contracts';
import { DEV_DEMO_PASSWORD } from '@tochka/district-data';
import { startGateway } from '@tochka/gateway';
import { startNotifications } from '@tochka/notifications';
import { startRegistrations } from '@tochka/registrations';
import { startReports } from '@tochka/reports';
import { Api, BusProbe, createTestEnv, eventually, ManualClock, SmtpSink, Started, startSmtpSink, startStack, TestEnv } from '@tochka/testing';
import { seedDistrict } from '../src/seed';
import { schoolYearOf, seedCurrentYear } from '../src/seed-current-year';

describe('demo data of the current school year (rolled over from 2022–2023)', () => {
  let env: TestEnv;
  let sink: SmtpSink;
  let probe: BusProbe;
  // The day a newcomer opens the demo.
  const clock = new ManualClock('2026-12-01T09:00:00Z');
  let stack: Started<{
    agreements: typeof startAgreements;
    calendar: typeof startCalendar;
    registrations: typeof startRegistrations;
    notifications: typeof startNotifications;
    reports: typeof startReports;
    gateway: typeof startGateway;
  }>;
  let coordinator: Api, kindergarten: Api;
  let first: Awaited<ReturnType<typeof seedCurrentYear>>;

  const seed = async () => {
    await seedDistrict({ rpc: stack.gateway.runtime.bus.rpc, users: stack.gateway.users }, { password: DEV_DEMO_PASSWORD });
    return seedCurrentYear(stack.gateway.runtime.bus.rpc, { now: clock.now() });
  };

  /** Every event the notifications service consumes has been handled (nothing pending, nothing unacknowledged). */
  const notificationsCaughtUp = () =>
    eventually(
      async () => {
        const nc = await connect({ servers: env.natsUrl });
        try {
          const jsm = await nc.jetstreamManager();
          for (const producer of ['agreements', 'calendar'] as const) {
            const info = await jsm.consumers.info(naming.streamName(env.prefix, producer), naming.durableName('notifications'));
            if (info.num_pending || info.num_ack_pending) return false;
          }
          return true;
        } finally {
          await nc.close();
        }
      },
      60_000,
      200,
    );

  beforeAll(async () => {
    env = createTestEnv();
    sink = await startSmtpSink();
    const timed =
      <T>(start: (o: { overrides: Record<string, unknown>; clock?: ManualClock }) => Promise<T>) =>
      (o: { overrides: Record<string, unknown> }) =>
        start({ ...o, clock });
    stack = await startStack(env, {
      agreements: timed(startAgreements),
      calendar: timed(startCalendar),
      registrations: timed(startRegistrations),
      notifications: (o) => startNotifications({ ...o, clock, overrides: { ...o.overrides, SMTP_URL: sink.url } }),
      reports: timed(startReports),
      gateway: startGateway,
    });
    probe = await BusProbe.connect(env);
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await probe?.close();
    await sink?.close();
    await env?.cleanup();
  });

  it('knows which school year a day is in', () => {
    expect([schoolYearOf('2026-12-01'), schoolYearOf('2027-08-31'), schoolYearOf('2027-09-01')]).toEqual(['2026-2027', '2026-2027', '2027-2028']);
  });

  it('loads 2022–2023 as history and 2026–2027 by the rollover, mailing nobody; a second load changes nothing', async () => {
    first = await seed();
    expect(first).not.toBe('skipped');
    if (first === 'skipped') return;
    expect(first.schoolYear).toBe('2026-2027');
    expect(first.agreements).toEqual({ signed: 15, awaitingSignatures: 5, drafts: 5 });
    expect(first.events.approved).toBeGreaterThan(5);
    expect(first.events.awaitingApproval).toBeGreaterThan(1);
    expect(first.events.waiting).toBeGreaterThan(0); // under the five drafts and the five awaiting signatures
    expect(first.events.past).toBeGreaterThan(0); // November 2026 is over on 1 December
    const agreementsStream = (await probe.events('agreements')).length;
    const calendarStream = (await probe.events('calendar')).length;

    const second = await seed();
    expect(second).toEqual(first);
    expect((await probe.events('agreements')).length).toBe(agreementsStream);
    expect((await probe.events('calendar')).length).toBe(calendarStream);

    await notificationsCaughtUp();
    // Nothing announces the load itself. The schedulers' own mails may follow, as on any day: reminders of the
    // demo year's events starting within a day and the coordinators' daily digest (README, Decisions).
    const scheduled = /^(Напоминание|Сводка на)/;
    expect(sink.messages.filter((m) => !scheduled.test(m.parsed.subject ?? '')).map((m) => `${m.envelope.to} ${m.parsed.subject}`)).toEqual([]);
  }, 300_000);

  it('shows a newcomer upcoming master classes to register for, agreements awaiting signatures and events awaiting approval', async () => {
    coordinator = await new Api(stack.gateway.url).login('metodist@mk-moshr.test', DEV_DEMO_PASSWORD);
    kindergarten = await new Api(stack.gateway.url).login('zav.ds9@shcherbinovsky.test', DEV_DEMO_PASSWORD);
    const upcoming = (await kindergarten.get('/api/events?from=2026-12-01&to=2027-08-31&status=approved&kind=master_class&limit=200')).body.items;
    expect(upcoming.length).toBeGreaterThan(0);
    const open = await eventually(async () => {
      for (const e of upcoming.filter((x: any) => x.capacity)) {
        const res = await kindergarten.get(`/api/events/${e.id}/registrations`);
        if (res.status === 200 && res.body.availability.open) return e;
      }
      return undefined;
    });
    expect(Date.parse(open.start)).toBeGreaterThan(clock.now().getTime());
    const awaiting = await coordinator.get('/api/agreements?status=proposed');
    expect(awaiting.body.total).toBe(5);
    expect(awaiting.body.items[0].number).toMatch(/^СВ-2026\//);
    expect(awaiting.body.items[0].signatures).toHaveLength(1);
    expect((await coordinator.get('/api/agreements?status=draft')).body.total).toBe(5);
    const proposals = await coordinator.get('/api/events?from=2026-12-01&to=2027-08-31&status=proposed&limit=200');
    if (first === 'skipped') throw new Error('the current year was not loaded');
    expect(proposals.body.total).toBe(first.events.awaitingApproval);
  });
});
