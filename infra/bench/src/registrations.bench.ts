import { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { Actor, CalendarEvent, naming, registrationRpcs } from '@tochka/contracts';
import { anyFreePort } from '@tochka/dev-stack';
import { startGateway } from '@tochka/gateway';
import { MessageBus } from '@tochka/messaging';
import {
  Api,
  BusProbe,
  CalendarFeed,
  createTestEnv,
  eventually,
  measureRate,
  natsRequestReplyRate,
  RateFigure,
  rawUniqueInsertRate,
  userApi,
} from '@tochka/testing';
import { JsonPoster } from './http-load';
import type { Benchmark } from './index';
import { cpuMeter, databaseProcesses, machineBusy, machineCpu, memoryOf, processesNamed, spawnService, stopProcess } from './processes';

const EVENTS = 50;
const REGISTRATIONS = 1000;
const SEATS = 20;
/** Requests in flight at once: many users clicking together, without exhausting the database's connections. */
const CONCURRENCY = Number(process.env.BENCH_REGISTRATION_CONCURRENCY ?? 100);
/** Bursts before the counted ones, on their own events and kindergartens (rounds 5, 6, …). */
const WARM_BURSTS = Number(process.env.BENCH_REGISTRATION_WARM_BURSTS ?? 2);
const WARM_ROUNDS = Array.from({ length: WARM_BURSTS }, (_, i) => 5 + i);

/** The element at `i`, counting round the list again and again. */
function cycle<T>(list: readonly T[], i: number): T {
  const item = list[i % list.length];
  if (item === undefined) throw new Error('cycle over an empty list');
  return item;
}

const groupOf = (i: number) => ({
  groupName: `Группа № ${i + 1}`,
  children: 1 + ((i * 7) % 5),
  adults: [{ name: 'Воспитатель', phone: '+7 900 000-00-00' }],
  contactEmail: 'group@ds.test',
});

const ratio = (ours: number, reference: number) => (ours / reference).toFixed(2);
/** Milliseconds of CPU per operation, a figure per process group, of each measurement: `a / b; c / d`. */
const cpuRow = (measurements: { cpuMs: number[] }[]) => measurements.map((m) => m.cpuMs.map((ms) => ms.toFixed(2)).join(' / ')).join('; ');

/**
 * Bursts of 1,000 registrations over 50 master classes (20 seats each) from ten kindergartens,
 * `CONCURRENCY` requests in flight at any moment, each on fresh events and fresh accounts. The
 * gateway and the registrations service run as `pnpm start` runs them, each instance its own
 * process; this one is the load generator (and a second gateway that only creates the accounts).
 * After a first burst that warms the processes and the database (not counted):
 * 1. through the gateway, one registrations instance (the figure of record);
 * 2. the same straight over NATS to the service (no gateway: what the gateway costs);
 * 3. through the gateway with a second instance on the same prefix (requests about one event go
 *    to one instance, see packages/messaging/src/affinity.ts);
 * 4. through the gateway, one instance again once the second has stopped (so "two / one" compares
 *    bursts at the same point of the run's growing data, not the first burst with the third).
 * In the same run, beside them: the raw driver's unique-key insert (just before and just after
 * burst 1) and NATS request/reply alone at the same concurrency on the same servers. After each
 * burst every event's registrations are read back and checked: confirmed children within
 * capacity, the confirmed ones exactly the earliest that fit, waitlist positions 1..n.
 */
export default {
  name: 'registrations: burst of 1,000 registrations over 50 events',
  async run() {
    const env = createTestEnv();
    // Creates the accounts (and reads the NATS side); the burst goes to the gateway process.
    const gateway = await startGateway({ overrides: env.overrides('gateway', { RPC_TIMEOUT_MS: 120_000 }) });
    const probe = await BusProbe.connect(env);
    const instances: ChildProcess[] = [];
    const peakMb: number[] = [];
    let front: ChildProcess | undefined;
    let poster: JsonPoster | undefined;
    let frontPeakMb = 0;
    const known = () => gateway.runtime.bus.rpc.knownInstances('registrations').length;
    const databasePort = new URL(env.mongoUrl).port;
    /** Whose CPU a burst is counted for: the gateway process, the registrations instances, the database, NATS, this process. */
    const cpuGroups = () => [[front!.pid!], instances.map((c) => c.pid!), databaseProcesses(databasePort), processesNamed('nats-server'), [process.pid]];
    try {
      const port = await anyFreePort();
      front = await spawnService('gateway', env, { PORT: port, RPC_TIMEOUT_MS: 120_000 });
      const frontUrl = `http://127.0.0.1:${port}`;
      await eventually(async () => (await fetch(`${frontUrl}/health/live`).catch(() => undefined))?.status === 200, 60_000, 200);
      const atFront = (api: Api) => new Api(frontUrl, api.token);
      instances.push(await spawnService('registrations', env));
      await eventually(async () => known() === 1, 60_000, 200);
      const frontAtRestMb = memoryOf(front.pid!)?.rss ?? 0;
      const registrationsAtRestMb = memoryOf(instances[0]!.pid!)?.rss ?? 0;
      const coordinator = atFront(await userApi(gateway, 'metodist@mk-moshr.test', 'coordinator', 'mk-moshr'));
      const feed = new CalendarFeed(gateway.runtime.bus);
      let published = 0;
      /** A fresh set of 50 events with ten fresh kindergartens as partners (each account stays under the creation rate limit). */
      const prepare = async (round: number) => {
        const kindergartens = Array.from({ length: 10 }, (_, i) => `ds-${round}-${i + 1}`);
        const partners = await Promise.all(kindergartens.map(async (id) => atFront(await userApi(gateway, `metodist@${id}.test`, 'kindergarten', id))));
        const events = await feed.approvedSeries(EVENTS, { from: new Date(Date.now() + (14 + round) * 24 * 3600_000), seats: SEATS, partners: kindergartens });
        await eventually(
          async () => {
            const known = await Promise.all(events.map((e) => coordinator.get(`/api/events/${e.id}/registrations`)));
            return known.every((r) => r.status === 200);
          },
          30_000,
          200,
        );
        return { partners, events };
      };
      /** One burst, checked; `send` makes registration `i`. */
      const burst = async (events: CalendarEvent[], send: (i: number) => Promise<number>) => {
        const began = performance.now();
        const statuses: number[] = [];
        // Fresh connections for each burst: the gateway closes those idle for 5 s meanwhile, and
        // a request sent on one just as it closes would fail.
        poster?.close();
        poster = new JsonPoster(frontUrl, CONCURRENCY);
        const cpuBefore = machineCpu();
        const cpu = cpuMeter(cpuGroups);
        const figure = await measureRate(REGISTRATIONS, CONCURRENCY, async (i) => {
          statuses[i] = await send(i);
        });
        const busy = machineBusy(cpuBefore, machineCpu());
        const cpuMs = cpu.stop().map((seconds) => (seconds * 1000) / REGISTRATIONS);
        const failed = statuses.filter((s) => s !== 201);
        if (failed.length) throw new Error(`${failed.length} registrations failed, e.g. ${failed[0]}`);
        published += REGISTRATIONS;
        const announcedAfter = await untilAnnounced(probe, env.prefix, began, published);
        const check = await verify(
          coordinator,
          events.map((e) => e.id),
        );
        instances.forEach((child, n) => {
          peakMb[n] = Math.max(peakMb[n] ?? 0, memoryOf(child.pid!)?.peak ?? 0);
        });
        frontPeakMb = Math.max(frontPeakMb, memoryOf(front!.pid!)?.peak ?? 0);
        return { figure, announcedAfter, check, busy, cpuMs };
      };
      const viaGateway = (partners: Api[], events: CalendarEvent[]) => (i: number) =>
        poster!.post(`/api/events/${cycle(events, i).id}/registrations`, cycle(partners, i).token, groupOf(i));

      /** The raw insert, and what it costs the database and this process per insert (ms of CPU). */
      const rawInsert = async () => {
        const cpu = cpuMeter(() => [databaseProcesses(databasePort), [process.pid]]);
        const figure = await rawUniqueInsertRate(env.mongoUrl, REGISTRATIONS, CONCURRENCY);
        return { figure, cpuMs: cpu.stop().map((seconds) => (seconds * 1000) / REGISTRATIONS) };
      };
      const nats = await natsRequestReplyRate(env.natsUrl, REGISTRATIONS * 5, CONCURRENCY);

      // Bursts that warm what a running network has warm (the processes' code compiled by V8's
      // optimising tiers, the database's caches and plans); not counted. After one, the fourth
      // counted burst still ran up to a third faster than the first on the same code.
      for (const round of WARM_ROUNDS) {
        const warm = await prepare(round);
        await burst(warm.events, viaGateway(warm.partners, warm.events));
      }

      // The reference just before and just after the figure of record: it moves between runs of a
      // minute (its rate by up to a third here), and the ratio is taken to the mean of the two.
      const one = await prepare(1);
      const insertBefore = await rawInsert();
      const gatewayBurst = await burst(one.events, viaGateway(one.partners, one.events));
      const insertAfter = await rawInsert();
      const insert = {
        perSecond: (insertBefore.figure.perSecond + insertAfter.figure.perSecond) / 2,
        p99Ms: (insertBefore.figure.p99Ms + insertAfter.figure.p99Ms) / 2,
      };

      const direct = await prepare(2);
      const actors: Actor[] = direct.partners.map((_, i) => ({ userId: `u-${i}`, role: 'kindergarten', organizationId: `ds-2-${i + 1}` }));
      const bus: MessageBus = gateway.runtime.bus;
      const natsBurst = await burst(direct.events, async (i) => {
        await bus.rpc.request(
          registrationRpcs.create,
          { actor: cycle(actors, i), eventId: cycle(direct.events, i).id, registration: groupOf(i) },
          { timeoutMs: 120_000 },
        );
        return 201;
      });

      instances.push(await spawnService('registrations', env));
      await eventually(async () => known() === 2, 60_000, 200);
      const two = await prepare(3);
      const twoBurst = await burst(two.events, viaGateway(two.partners, two.events));

      await stopProcess(instances.pop()!);
      await eventually(async () => known() === 1, 60_000, 200);
      const again = await prepare(4);
      const againBurst = await burst(again.events, viaGateway(again.partners, again.events));

      const row = (f: RateFigure) => `${f.perSecond}/s, p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms`;
      const g = gatewayBurst.figure;
      const oneRate = (g.perSecond + againBurst.figure.perSecond) / 2;
      const checks = [gatewayBurst, natsBurst, twoBurst, againBurst].map((b) => b.check);
      const atRest = `${frontAtRestMb} / ${registrationsAtRestMb}`;
      return {
        registrations: REGISTRATIONS,
        'requests in flight': CONCURRENCY,
        'events (20 seats each)': EVENTS,
        'through the gateway, one instance': row(g),
        'reference: raw driver insertOne, unique _id, same concurrency (just before / just after)': `${row(insertBefore.figure)}; ${row(insertAfter.figure)}`,
        'ratio of rate to the raw insert (mean of the two; target ≥ 0.5)': ratio(g.perSecond, insert.perSecond),
        'ratio of p99 to the raw insert p99 (mean of the two; target ≤ 3)': ratio(g.p99Ms, insert.p99Ms),
        'CPU per raw insert, ms: database / this process (before; after)': cpuRow([insertBefore, insertAfter]),
        'straight over NATS to the service, one instance (no gateway)': row(natsBurst.figure),
        'reference: NATS request/reply alone, same concurrency': row(nats),
        'through the gateway, two instances (one event, one instance)': row(twoBurst.figure),
        'through the gateway, one instance again (after the second stopped)': row(againBurst.figure),
        'two instances / one instance (mean of bursts 1 and 4; target ≥ 1.5)': ratio(twoBurst.figure.perSecond, oneRate),
        'machine CPU busy during the bursts (all processes, % of all cores; one / two / one again)': [gatewayBurst, twoBurst, againBurst]
          .map((b) => `${Math.round(b.busy * 100)} %`)
          .join(' / '),
        'CPU per registration, ms: gateway / registrations / database / NATS / this process (one / two / one again)': cpuRow([
          gatewayBurst,
          twoBurst,
          againBurst,
        ]),
        'all announcements published after (ms; one instance / two)': `${Math.round(gatewayBurst.announcedAfter)} / ${Math.round(twoBurst.announcedAfter)}`,
        'confirmed / waitlisted (each burst)': checks.map((c) => `${c.confirmed} / ${c.waitlisted}`).join('; '),
        'events over capacity (must be 0)': checks.reduce((n, c) => n + c.overbooked, 0),
        'events whose confirmed are not the earliest that fit, or whose waitlist is not 1..n (must be 0)': checks.reduce((n, c) => n + c.unfair, 0),
        'most confirmed children in one event (≤ 20)': Math.max(...checks.map((c) => c.maxConfirmed)),
        'RSS at rest after start, gateway / registrations process (MB)': atRest,
        'peak RSS of the gateway process (MB)': frontPeakMb,
        'peak RSS of each registrations process (MB)': peakMb.join(' / '),
      };
    } finally {
      poster?.close();
      if (front) await stopProcess(front);
      await gateway.close();
      await Promise.all(instances.map(stopProcess));
      await probe.close();
      await env.cleanup();
    }
  },
} satisfies Benchmark;

/** Read every event back and replay the rule over its arrival order. */
async function verify(coordinator: Api, eventIds: string[]) {
  let confirmed = 0;
  let waitlisted = 0;
  let overbooked = 0;
  let unfair = 0;
  let maxConfirmed = 0;
  for (const id of eventIds) {
    const { items, availability } = (await coordinator.get(`/api/events/${id}/registrations`)).body;
    let free = SEATS;
    const expected = items.map((r: any) => {
      if (r.children > free) return 'waitlisted';
      free -= r.children;
      return 'confirmed';
    });
    const inLine = items.filter((r: any) => r.status === 'waitlisted').map((r: any) => r.waitlistPosition);
    const children = items.filter((r: any) => r.status === 'confirmed').reduce((n: number, r: any) => n + r.children, 0);
    if (children > SEATS || availability.confirmedChildren !== children) overbooked++;
    if (JSON.stringify(items.map((r: any) => r.status)) !== JSON.stringify(expected) || inLine.some((p: number, i: number) => p !== i + 1)) unfair++;
    confirmed += items.length - inLine.length;
    waitlisted += inLine.length;
    maxConfirmed = Math.max(maxConfirmed, children);
  }
  return { confirmed, waitlisted, overbooked, unfair, maxConfirmed };
}

/** Milliseconds from the start of the burst until `total` registration events are in the stream. */
async function untilAnnounced(probe: BusProbe, prefix: string, began: number, total: number): Promise<number> {
  const jsm = await probe.nc.jetstreamManager();
  await eventually(async () => (await jsm.streams.info(naming.streamName(prefix, 'registrations'))).state.messages >= total, 300_000, 200);
  return performance.now() - began;
}
