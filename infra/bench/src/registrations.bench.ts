import { performance } from 'node:perf_hooks';
import { naming } from '@tochka/contracts';
import { startGateway } from '@tochka/gateway';
import { startRegistrations } from '@tochka/registrations';
import { Api, BusProbe, CalendarFeed, createTestEnv, userApi } from '@tochka/testing';
import type { Benchmark } from './index';

const EVENTS = 50;
const REGISTRATIONS = 1000;
const SEATS = 20;
const KINDERGARTENS = Array.from({ length: 10 }, (_, i) => `ds-${i + 1}`);
/** Requests in flight at once: many users clicking together, without exhausting the database's connections. */
const CONCURRENCY = Number(process.env.BENCH_REGISTRATION_CONCURRENCY ?? 100);

/** The element at `i`, counting round the list again and again. */
function cycle<T>(list: readonly T[], i: number): T {
  const item = list[i % list.length];
  if (item === undefined) throw new Error('cycle over an empty list');
  return item;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * A burst of 1,000 registrations over 50 master classes (20 seats each) through the gateway from
 * ten kindergartens, `CONCURRENCY` requests in flight at any moment; then, in the same run, every
 * event's registrations are read back and checked: confirmed children within capacity, the
 * confirmed ones exactly the earliest that fit, waitlist positions 1..n.
 */
export default {
  name: 'registrations: burst of 1,000 registrations over 50 events',
  async run() {
    const env = createTestEnv();
    const registrations = await startRegistrations({ overrides: env.overrides('registrations') });
    const gateway = await startGateway({ overrides: env.overrides('gateway', { RPC_TIMEOUT_MS: 120_000 }) });
    const probe = await BusProbe.connect(env);
    try {
      const coordinator = await userApi(gateway, 'metodist@mk-moshr.test', 'coordinator', 'mk-moshr');
      const partners = await Promise.all(KINDERGARTENS.map((id) => userApi(gateway, `metodist@${id}.test`, 'kindergarten', id)));
      const feed = new CalendarFeed(registrations.runtime.bus);
      const start = Date.now() + 14 * 24 * 3600_000;
      const events = await Promise.all(
        Array.from({ length: EVENTS }, (_, i) =>
          feed.approved(
            CalendarFeed.event({
              title: `Мастер-класс № ${i + 1}`,
              start: new Date(start + i * 3600_000).toISOString(),
              end: new Date(start + i * 3600_000 + 45 * 60_000).toISOString(),
              capacity: { seats: SEATS },
              partners: KINDERGARTENS.map((id) => ({ organizationId: id, organizationName: `МБДОУ д/с ${id}` })),
            }),
          ),
        ),
      );
      await waitFor(async () => {
        const known = await Promise.all(events.map((e) => coordinator.get(`/api/events/${e.id}/registrations`)));
        return known.every((r) => r.status === 200);
      });

      const latencies: number[] = [];
      const answers: { status: number; text: string }[] = [];
      let next = 0;
      const began = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let i = next++; i < REGISTRATIONS; i = next++) {
            const t = performance.now();
            answers[i] = await cycle(partners, i).post(`/api/events/${cycle(events, i).id}/registrations`, {
              groupName: `Группа № ${i + 1}`,
              children: 1 + ((i * 7) % 5),
              adults: [{ name: 'Воспитатель', phone: '+7 900 000-00-00' }],
              contactEmail: 'group@ds.test',
            });
            latencies.push(performance.now() - t);
          }
        }),
      );
      const elapsed = performance.now() - began;
      const failed = answers.filter((a) => a.status !== 201);
      const [first] = failed;
      if (first) throw new Error(`${failed.length} registrations failed, e.g. ${first.status} ${first.text}`);

      const announcedAfter = await untilAnnounced(probe, env.prefix, began);
      const check = await verify(
        coordinator,
        events.map((e) => e.id),
      );
      latencies.sort((a, b) => a - b);
      return {
        registrations: REGISTRATIONS,
        'requests in flight': CONCURRENCY,
        'events (20 seats each)': EVENTS,
        'throughput (registrations/s)': Math.round(REGISTRATIONS / (elapsed / 1000)),
        'wall time of the burst (ms)': Math.round(elapsed),
        'latency p50 (ms)': Math.round(percentile(latencies, 50)),
        'latency p99 (ms)': Math.round(percentile(latencies, 99)),
        'all announcements published after (ms)': Math.round(announcedAfter),
        'confirmed / waitlisted': `${check.confirmed} / ${check.waitlisted}`,
        'events over capacity (must be 0)': check.overbooked,
        'events whose confirmed are not the earliest that fit, or whose waitlist is not 1..n (must be 0)': check.unfair,
        'most confirmed children in one event (≤ 20)': check.maxConfirmed,
      };
    } finally {
      await gateway.close();
      await registrations.close();
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

/** Milliseconds from the start of the burst until every registration's event is in the stream. */
async function untilAnnounced(probe: BusProbe, prefix: string, began: number): Promise<number> {
  const jsm = await probe.nc.jetstreamManager();
  await waitFor(async () => (await jsm.streams.info(naming.streamName(prefix, 'registrations'))).state.messages >= REGISTRATIONS, 300_000);
  return performance.now() - began;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}
