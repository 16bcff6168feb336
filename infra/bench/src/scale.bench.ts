import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAgreements } from '@tochka/agreements';
import { startCalendar } from '@tochka/calendar';
import { Actor, agreementRpcs, calendarRpcs } from '@tochka/contracts';
import { startGateway } from '@tochka/gateway';
import { startNotifications } from '@tochka/notifications';
import { startRegistrations } from '@tochka/registrations';
import { startReports } from '@tochka/reports';
import { anyFreePort, Console, DevStack, settingsOn } from '@tochka/dev-stack';
import { connectMongo } from '@tochka/runtime';
import { Api, createTestEnv, eventually, startSmtpSink, startStack, TEST_PASSWORD, userApi } from '@tochka/testing';
import type { Benchmark } from './index';
import { databaseProcesses, memoryOf, TICKS, ticksOf } from './processes';
import { masterClassInput } from './sample-event';
import { loadScale, ScaleTemplate } from './scale-loader';

const env_ = process.env;
const SMALL = Number(env_.BENCH_SCALE_SMALL_EVENTS ?? 10_000);
const LARGE = Number(env_.BENCH_SCALE_EVENTS ?? 100_000);
/** Registrations stored at the large size; the small size gets the same share per event. */
const REGISTRATIONS = Number(env_.BENCH_SCALE_REGISTRATIONS ?? 1_000_000);
const PER_EVENT = Number(env_.BENCH_SCALE_REGISTRATIONS_PER_EVENT ?? 50);
const PER_MONTH = Number(env_.BENCH_SCALE_EVENTS_PER_MONTH ?? 1000);
const SAMPLES = Number(env_.BENCH_SCALE_SAMPLES ?? 15);
const FEED_EVENTS = Number(env_.BENCH_SCALE_FEED_EVENTS ?? 100);
const IDLE_SECONDS = Number(env_.BENCH_SCALE_IDLE_SECONDS ?? 20);
const SETTLE_SECONDS = Number(env_.BENCH_SCALE_SETTLE_SECONDS ?? 60);

const COORDINATOR: Actor = { userId: 'bench-coordinator', role: 'coordinator', organizationId: 'bench-centre' };
/** The first month of the stored events: next month and on, so that registrations are open. */
const FIRST_MONTH = (() => {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1);
})();

/**
 * The network at two sizes, through the gateway, each service its own process as the dev launcher
 * runs it (`DevStack`; the set-up runs in this process before), on one database: BENCH_SCALE_SMALL_EVENTS
 * (10,000) calendar events, then BENCH_SCALE_EVENTS (100,000) with BENCH_SCALE_REGISTRATIONS
 * (1,000,000) registrations — BENCH_SCALE_REGISTRATIONS_PER_EVENT (50) in every ledger that has
 * any, the small size with the same share. The events are stored in the calendar's and the
 * registrations' own shapes by `scale-loader.ts` (clones of one real event and one real
 * registration), BENCH_SCALE_EVENTS_PER_MONTH (1,000) a month from next month on, so a month
 * holds as many events at both sizes and the small size's months stay as they are: what is
 * measured twice is the same request on the same month, event or kind of ledger, with ten times
 * as much stored around it. At each size, medians of BENCH_SCALE_SAMPLES (15):
 * - month listing: `GET /api/events?from&to`, the same month (coordinator);
 * - event page: `GET /api/events/:id`, the same events;
 * - a registration: `POST /api/events/:id/registrations` into a ledger of 50 this process has not
 *   read yet (a different one each time, among the small size's);
 * - a feed render (last): one of BENCH_SCALE_FEED_EVENTS (100) events of a second organisation changes,
 *   then the first request of that organisation's iCal feed (3 times);
 * - the raw driver beside them: `findOne({_id})` and `find({months})` on the same collection;
 * then the idle network for BENCH_SCALE_IDLE_SECONDS (20): CPU of the six services and of FerretDB
 * with its PostgreSQL backends, beside an idle bare Node process, and each service's memory at
 * rest and at its peak (VmRSS, VmHWM); the feed renders come last. Each size begins with BENCH_SCALE_SETTLE_SECONDS
 * (60) of nothing after the load (sweeps, PostgreSQL's autovacuum of the new rows).
 */
export default {
  name: `scale: ${SMALL} then ${LARGE} events with ${REGISTRATIONS} registrations`,
  async run() {
    const env = createTestEnv();
    const sink = await startSmtpSink();
    // Set-up (organisations, accounts, the template, the feed) through the services in this
    // process, which are then closed: what is measured runs as the dev launcher runs it.
    const stack = await startStack(env, {
      agreements: startAgreements,
      calendar: startCalendar,
      registrations: startRegistrations,
      notifications: startNotifications,
      reports: startReports,
      gateway: startGateway,
    });
    const reference = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
    const logs: string[] = [];
    let launched: DevStack | undefined;
    let stackClosed = false;
    let conn: Awaited<ReturnType<typeof connectMongo>> | undefined;
    try {
      const rpc = stack.gateway.runtime.bus.rpc;
      for (const [id, shortName, rooms] of [
        ['bench-centre', 'МБОУ СОШ № 5', 10],
        ['bench-small', 'МБОУ СОШ № 9', 1],
      ] as const) {
        await rpc.request(agreementRpcs.registerOrganization, {
          actor: COORDINATOR,
          organization: {
            id,
            kind: 'growth_point_centre',
            fullName: `${shortName} (нагрузочный тест)`,
            shortName,
            settlement: 'ст. Старощербиновская',
            address: 'ул. Советов, 64',
            head: { name: 'Тымченко О.Ю.', email: `head@${id}.test` },
            rooms: Array.from({ length: rooms }, (_, i) => ({ key: `room-${i + 1}`, name: `Кабинет № ${i + 1}`, capacity: 30 })),
          },
        });
        await eventually(
          () => rpc.request(calendarRpcs.feed, { actor: COORDINATOR, scope: { kind: 'organization', organizationId: id }, publicUrl: 'http://localhost' }),
          30_000,
        );
      }
      await userApi(stack.gateway, 'metodist@bench.test', 'coordinator', 'bench-centre');
      const setupStaff = await userApi(stack.gateway, 'teacher@bench-centre.test', 'staff', 'bench-centre');
      const setupSmall = await userApi(stack.gateway, 'head@bench-small.test', 'centre_head', 'bench-small');

      // The template: one real event with one real registration, both published.
      const { event: templateEvent } = await rpc.request(calendarRpcs.import, {
        actor: COORDINATOR,
        key: 'bench-template',
        event: dayEventInput('bench-centre', 0),
      });
      await eventually(async () => (await setupStaff.get(`/api/events/${templateEvent.id}/registrations`)).status === 200, 30_000);
      const registered = await setupStaff.post(`/api/events/${templateEvent.id}/registrations`, registrationBody(0));
      if (registered.status !== 201) throw new Error(`template registration answered ${registered.status} ${registered.text}`);
      const events = stack.calendar.runtime.mongo.collection('events');
      const commits = stack.registrations.runtime.mongo.collection('ledger_commits');
      await eventually(
        async () => (await events.countDocuments({ outboxPending: true })) + (await commits.countDocuments({ outboxPending: true })) === 0,
        30_000,
      );
      const template: ScaleTemplate = {
        event: (await events.findOne({}))!,
        commits: await commits.find({ eventId: templateEvent.id }).sort({ version: 1 }).toArray(),
      };

      // The feed's organisation: FEED_EVENTS real events (imported), and its feed.
      const feedEventIds: string[] = [];
      for (let i = 0; i < FEED_EVENTS; i++) {
        const { event } = await rpc.request(calendarRpcs.import, { actor: COORDINATOR, key: `bench-feed-${i}`, event: dayEventInput('bench-small', i) });
        feedEventIds.push(event.id);
      }
      const subscription = await setupSmall.post('/api/calendar-subscriptions', { scope: { kind: 'organization', organizationId: 'bench-small' } });
      if (subscription.status !== 201) throw new Error(`subscription answered ${subscription.status} ${subscription.text}`);
      const feedPath = new URL(subscription.body.url).pathname;
      if ((await new Api(stack.gateway.url).get(feedPath)).status !== 200) throw new Error('the feed does not answer');
      await stack.close();
      stackClosed = true;

      conn = await connectMongo(env.mongoUrl, env.dbName('calendar'));
      const stored = {
        events: conn.collection('events'),
        commits: conn.useDb(env.dbName('registrations')).collection('ledger_commits'),
        refs: conn.useDb(env.dbName('registrations')).collection('registration_refs'),
      };

      const ledgerEvery = Math.max(1, Math.round((LARGE * PER_EVENT) / REGISTRATIONS));
      const loaded = { events: 0, registrations: 0, seconds: 0 };
      const load = async (upTo: number) => {
        const started = performance.now();
        const result = await loadScale(stored, template, {
          from: loaded.events,
          to: upTo,
          perMonth: PER_MONTH,
          firstMonth: FIRST_MONTH,
          ledgerEvery,
          perLedger: PER_EVENT,
        });
        loaded.events = upTo;
        loaded.registrations += result.registrations;
        loaded.seconds += (performance.now() - started) / 1000;
        console.error(`scale: ${upTo} events and ${loaded.registrations} registrations stored, ${loaded.seconds.toFixed(0)} s so far`);
        return result;
      };

      const first = await load(SMALL);

      // Each service its own process, as `pnpm start` runs them, with the real sweep (2 s).
      Object.assign(process.env, { OUTBOX_SWEEP_MS: '2000', JETSTREAM_STORAGE: 'memory' });
      const port = await anyFreePort();
      const quiet: Console = { log: (source, level, message) => logs.push(`${source} ${level} ${message}`), raw: (text) => logs.push(text) };
      launched = new DevStack(settingsOn({ natsUrl: env.natsUrl, mongoUrl: env.mongoUrl, smtpUrl: sink.url, prefix: env.prefix, port, dataDir }), {
        steps: [],
        console: quiet,
        healthTimeoutMs: 120_000,
      });
      await launched.start();
      const gatewayUrl = `http://127.0.0.1:${port}`;
      const app = new Api(gatewayUrl);
      const coordinator = await new Api(gatewayUrl).login('metodist@bench.test', TEST_PASSWORD);
      const staff = await new Api(gatewayUrl).login('teacher@bench-centre.test', TEST_PASSWORD);
      const small = await new Api(gatewayUrl).login('head@bench-small.test', TEST_PASSWORD);
      const services = () => launched!.pids();
      // Measured at both sizes: the same month, the same events; registrations into ledgers of the small size.
      // A month in the middle of the small size's (full at both sizes, unless the small size has less than a month).
      const listedMonth = Math.floor(SMALL / PER_MONTH / 2);
      const month = new Date(Date.UTC(new Date(FIRST_MONTH).getUTCFullYear(), new Date(FIRST_MONTH).getUTCMonth() + listedMonth, 15));
      const monthQuery = monthWindow(month);
      const pageIds = first.eventIds.filter((_, i) => i % 37 === 5).slice(0, SAMPLES);
      const ledgered = [...first.ledgeredIds].sort(() => Math.random() - 0.5);
      const ledgersFor = { small: ledgered.slice(0, SAMPLES), large: ledgered.slice(SAMPLES, 2 * SAMPLES) };
      if (ledgersFor.large.length < SAMPLES) throw new Error(`only ${ledgered.length} ledgers at the small size; raise BENCH_SCALE_SMALL_EVENTS`);

      const ferretDbPid = databaseProcesses(new URL(env.mongoUrl).port, { backends: false })[0];
      const measure = async (size: 'small' | 'large') => {
        // Sweeps after the load, and the database's own catching up (autovacuum of the new rows), before anything is timed.
        await new Promise((r) => setTimeout(r, SETTLE_SECONDS * 1000));
        const monthListing = await timedEach(Array(SAMPLES).fill(monthQuery), async (q) => expectOk(await coordinator.get(`/api/events?${q}`), 200));
        const eventPage = await timedEach(pageIds, async (id) => expectOk(await coordinator.get(`/api/events/${id}`), 200));
        const registration = await timedEach(ledgersFor[size], async (id, i) =>
          expectOk(await staff.post(`/api/events/${id}/registrations`, registrationBody(i + 1)), 201),
        );
        const ObjectId = template.event._id.constructor as new (hex: string) => unknown;
        const rawById = await timedEach(pageIds, async (id) => {
          await stored.events.findOne({ _id: new ObjectId(id) as never });
        });
        const monthKey = new Date(month.getTime() + 3 * 3600_000).toISOString().slice(0, 7);
        const rawMonth = await timedEach(Array(5).fill(monthKey), async (key) => {
          await stored.events.find({ months: key }).toArray();
        });
        // Idle: nobody asks for IDLE_SECONDS.
        await new Promise((r) => setTimeout(r, 5000));
        // PostgreSQL backends come and go with FerretDB's pool: the ones there now.
        const dbPids = databaseProcesses(new URL(env.mongoUrl).port);
        const servicePids = Object.values(services());
        const before = { services: ticksOf(servicePids), db: ticksOf(dbPids), ref: ticksOf([reference.pid!]) };
        const started = performance.now();
        await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
        const seconds = (performance.now() - started) / 1000;
        const memory = Object.fromEntries(Object.entries(services()).map(([name, pid]) => [name, memoryOf(pid)]));
        const ferretDb = ferretDbPid ? memoryOf(ferretDbPid) : undefined;
        const idle = {
          services: (100 * (ticksOf(servicePids) - before.services)) / TICKS / seconds,
          database: (100 * (ticksOf(dbPids) - before.db)) / TICKS / seconds,
          reference: (100 * (ticksOf([reference.pid!]) - before.ref)) / TICKS / seconds,
        };
        // Last: a render that times out leaves its queries running (issue 12), which would weigh on all the rest.
        const feedStatuses: number[] = [];
        const feed = await timedEach([0, 1, 2], async (i) => {
          expectOk(await small.patch(`/api/events/${feedEventIds[i]}`, { description: `Изменено: ${size}, ${i}` }), 200);
          // The change reaches the feed through the calendar's own write; render on the next request.
          const t = performance.now();
          feedStatuses.push((await app.get(feedPath)).status);
          return performance.now() - t;
        });
        for (const [name, pid] of Object.entries(services())) {
          const now = memoryOf(pid);
          const rest = memory[name];
          if (rest && now) memory[name] = { rss: rest.rss, peak: now.peak };
        }
        console.error(
          `scale (${size}): month ${median(monthListing)} ms, page ${median(eventPage)} ms, registration ${median(registration)} ms, feed ${median(feed)} ms ${feedStatuses}`,
        );
        return {
          monthListing,
          eventPage,
          registration,
          feed,
          feedStatuses,
          rawById,
          rawMonth,
          idleServices: idle.services,
          idleDatabase: idle.database,
          idleReference: idle.reference,
          memory,
          ferretDb,
        };
      };

      const atSmall = await measure('small');
      const smallLoad = { ...loaded };
      await load(LARGE);
      const atLarge = await measure('large');

      const ms = (v: number) => (v < 10 ? v.toFixed(1) : String(Math.round(v)));
      const row = (small: number, large: number) => `${ms(small)} / ${ms(large)} / ${(large / small).toFixed(2)} ×`;
      const pct = (v: number) => `${v.toFixed(2)} %`;
      const sizes = `${SMALL.toLocaleString('en')} → ${LARGE.toLocaleString('en')} events`;
      return {
        'events / registrations stored, small size': `${smallLoad.events} / ${smallLoad.registrations}`,
        'events / registrations stored, large size': `${loaded.events} / ${loaded.registrations}`,
        'ledger commits / events with registrations, large size': `${Math.ceil(loaded.events / ledgerEvery) * template.commits.length} / ${Math.ceil(loaded.events / ledgerEvery)}`,
        'storing them (s, both steps)': loaded.seconds.toFixed(0),
        'events per month / events in the listed month': `${PER_MONTH} / ${Math.min(PER_MONTH, SMALL - listedMonth * PER_MONTH)}`,
        [`month listing, median ms: small / large / ratio (${sizes})`]: row(median(atSmall.monthListing), median(atLarge.monthListing)),
        'event page, median ms: small / large / ratio': row(median(atSmall.eventPage), median(atLarge.eventPage)),
        [`registration into a ledger of ${PER_EVENT}, median ms: small / large / ratio`]: row(median(atSmall.registration), median(atLarge.registration)),
        [`feed render, ${FEED_EVENTS} events, first request after a change, median ms: small / large / ratio`]: row(median(atSmall.feed), median(atLarge.feed)),
        'feed render: statuses, small / large': `${atSmall.feedStatuses.join(', ')} / ${atLarge.feedStatuses.join(', ')}`,
        'reference: raw driver findOne({_id}), median ms: small / large / ratio': row(median(atSmall.rawById), median(atLarge.rawById)),
        'reference: raw driver find({months}) of the listed month, median ms: small / large / ratio': row(median(atSmall.rawMonth), median(atLarge.rawMonth)),
        'idle CPU of the six services (a process each), share of one core: small / large': `${pct(atSmall.idleServices)} / ${pct(atLarge.idleServices)}`,
        'idle CPU of FerretDB and its PostgreSQL backends: small / large': `${pct(atSmall.idleDatabase)} / ${pct(atLarge.idleDatabase)}`,
        'reference: idle bare Node process: small / large': `${pct(atSmall.idleReference)} / ${pct(atLarge.idleReference)}`,
        ...Object.fromEntries(
          Object.keys(atLarge.memory).map((name) => [
            `${name}: RSS at rest, small / large; its peak (VmHWM) by the end of each, MB`,
            `${atSmall.memory[name]?.rss} / ${atLarge.memory[name]?.rss}; ${atSmall.memory[name]?.peak} / ${atLarge.memory[name]?.peak}`,
          ]),
        ),
        'RSS of the FerretDB process (PostgreSQL apart) at rest, MB: small / large': `${atSmall.ferretDb?.rss} / ${atLarge.ferretDb?.rss}`,
      };
    } catch (err) {
      if (logs.length) console.error(logs.slice(-30).join('\n'));
      throw err;
    } finally {
      reference.kill();
      if (!stackClosed) await stack.close();
      if (launched) {
        const pids = Object.values(launched.pids());
        await launched.stop();
        for (const pid of pids) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // stopped
          }
        }
      }
      await conn?.close();
      await sink.close();
      await env.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
} satisfies Benchmark;

function expectOk(res: { status: number; text: string }, status: number): void {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text.slice(0, 300)}`);
}

/** Run `fn` on each item one after another; the milliseconds each took (or what it returned, when a number). */
async function timedEach<T>(items: readonly T[], fn: (item: T, i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (const [i, item] of items.entries()) {
    const t = performance.now();
    const returned = await fn(item, i);
    times.push(typeof returned === 'number' ? returned : performance.now() - t);
  }
  return times;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

/** `from=…&to=…` of the Moscow calendar month of `instant`. */
function monthWindow(instant: Date): string {
  const moscow = new Date(instant.getTime() + 3 * 3600_000);
  const y = moscow.getUTCFullYear();
  const m = moscow.getUTCMonth();
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const mm = String(m + 1).padStart(2, '0');
  return `from=${y}-${mm}-01&to=${y}-${mm}-${String(last).padStart(2, '0')}`;
}

function registrationBody(i: number) {
  return {
    groupName: `Группа № ${i}-${randomUUID().slice(0, 8)}`,
    children: 1 + (i % 5),
    adults: [{ name: 'Воспитатель', phone: '+7 900 000-00-00' }],
    contactEmail: 'group@bench.test',
  };
}

/** Event i of a host: one a day from the first month, at 08:00 Moscow. */
function dayEventInput(hostId: string, i: number) {
  return masterClassInput(new Date(FIRST_MONTH + 5 * 3600_000 + i * 24 * 3600_000), { hostId });
}
