import { Agent, get } from 'node:http';
import { startAgreements } from '@tochka/agreements';
import { startCalendar } from '@tochka/calendar';
import { Actor, agreementRpcs, calendarRpcs } from '@tochka/contracts';
import { startGateway } from '@tochka/gateway';
import { Api, createTestEnv, eventually, startStack, userApi } from '@tochka/testing';
import type { Benchmark } from './index';

const COUNT = Number(process.env.BENCH_FEED_EVENTS ?? 5000);
const ROOMS = 50;
const IMPORTERS = 16;
const CONDITIONAL_REQUESTS = 200;
const CACHED_REQUESTS = 1000;
const CLIENTS = 8;

const COORDINATOR: Actor = { userId: 'bench-coordinator', role: 'coordinator', organizationId: 'bench-centre' };

/**
 * The district plan feed with 5,000 approved events (BENCH_FEED_EVENTS), through the gateway on
 * loopback, as a calendar app would poll it by its secret address:
 * - full renders: the first request, and the first after one event changed (validators, loading
 *   5,000 events, rendering with ical-generator, gzip, the parts over NATS, the answer);
 * - conditional requests with If-None-Match (304: validators from indexed queries, no rendering);
 * - requests per second for the unchanged feed (gzip kept by the calendar and the gateway),
 *   CLIENTS concurrent clients, CACHED_REQUESTS requests in all.
 * The events are loaded through the calendar's import command (one host with 50 rooms).
 */
export default {
  name: `iCal feed of ${COUNT} events through the gateway`,
  async run() {
    const env = createTestEnv();
    const quiet = { LOG_LEVEL: 'error' };
    const stack = await startStack(
      env,
      { agreements: startAgreements, calendar: startCalendar, gateway: startGateway },
      { overrides: { agreements: quiet, calendar: quiet, gateway: quiet } },
    );
    try {
      const rpc = stack.gateway.runtime.bus.rpc;
      const rooms = Array.from({ length: ROOMS }, (_, i) => ({ key: `room-${i}`, name: `Кабинет № ${i + 1}`, capacity: 30 }));
      await rpc.request(agreementRpcs.registerOrganization, {
        actor: COORDINATOR,
        organization: {
          id: 'bench-centre',
          kind: 'growth_point_centre',
          fullName: 'МБОУ СОШ № 5 им. И.П. Рыбина (нагрузочный тест)',
          shortName: 'МБОУ СОШ № 5',
          settlement: 'ст. Старощербиновская',
          address: 'ул. Советов, 64',
          head: { name: 'Тымченко О.Ю.', email: 'head@bench.test' },
          rooms,
        },
      });
      await eventually(
        () =>
          rpc.request(calendarRpcs.feed, {
            actor: COORDINATOR,
            scope: { kind: 'organization', organizationId: 'bench-centre' },
            publicUrl: 'http://localhost',
          }),
        30_000,
      );

      const loadStarted = performance.now();
      let next = 0;
      let firstId = '';
      await Promise.all(
        Array.from({ length: IMPORTERS }, async () => {
          for (let i = next++; i < COUNT; i = next++) {
            const { event } = await rpc.request(calendarRpcs.import, { actor: COORDINATOR, key: `bench-${i}`, event: eventInput(i) });
            if (i === 0) firstId = event.id;
          }
        }),
      );
      const loadSeconds = (performance.now() - loadStarted) / 1000;

      const coordinator = await userApi(stack.gateway, 'metodist@bench.test', 'coordinator', 'bench-centre');
      const sub = await coordinator.post('/api/calendar-subscriptions', { scope: { kind: 'plan' } });
      const path = new URL(sub.body.url).pathname;
      const app = new Api(stack.gateway.url);

      const firstStarted = performance.now();
      const first = await app.get(path);
      const firstMs = performance.now() - firstStarted;
      if (first.status !== 200) throw new Error(`feed answered ${first.status}`);
      const vevents = first.text.match(/BEGIN:VEVENT/g)?.length ?? 0;
      if (vevents !== COUNT) throw new Error(`feed has ${vevents} events, expected ${COUNT}`);
      const etag = first.headers.get('etag')!;

      // One event changes: the next request renders the whole feed again.
      const changed = await coordinator.patch(`/api/events/${firstId}`, { description: 'Изменённое описание' });
      if (changed.status !== 200) throw new Error(`change answered ${changed.status}`);
      const againStarted = performance.now();
      const again = await app.get(path, { 'if-none-match': etag });
      const againMs = performance.now() - againStarted;
      if (again.status !== 200) throw new Error(`changed feed answered ${again.status}`);
      const current = again.headers.get('etag')!;
      const gzipBytes = Number((await fetch(stack.gateway.url + path, { headers: { 'accept-encoding': 'gzip' } })).headers.get('content-length'));

      const conditional: number[] = [];
      for (let i = 0; i < CONDITIONAL_REQUESTS; i++) {
        const started = performance.now();
        const res = await app.get(path, { 'if-none-match': current });
        conditional.push(performance.now() - started);
        if (res.status !== 304) throw new Error(`conditional request answered ${res.status}`);
      }

      // Raw HTTP, bytes counted but not inflated: the clients here share the process with the stack.
      const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
      const fetchRaw = () =>
        new Promise<number>((resolve, reject) => {
          get(stack.gateway.url + path, { agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
            let bytes = 0;
            res.on('data', (chunk: Buffer) => (bytes += chunk.length));
            res.on('end', () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`cached feed answered ${res.statusCode}`))));
          }).on('error', reject);
        });
      let sent = 0;
      const cachedStarted = performance.now();
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (sent < CACHED_REQUESTS) {
            sent++;
            await fetchRaw();
          }
        }),
      );
      agent.destroy();
      const cachedSeconds = (performance.now() - cachedStarted) / 1000;

      return {
        'events in the feed': COUNT,
        'loading them through calendar.events.import (events/s)': Math.round(COUNT / loadSeconds),
        'feed size, text (MB)': (Buffer.byteLength(first.text) / 1e6).toFixed(2),
        'feed size, gzip (kB)': Math.round(gzipBytes / 1000),
        'full render, first request (ms)': Math.round(firstMs),
        'full render after one event changed (ms)': Math.round(againMs),
        '304 on If-None-Match, median (ms)': percentile(conditional, 50).toFixed(1),
        '304 on If-None-Match, p95 (ms)': percentile(conditional, 95).toFixed(1),
        [`cached feed, ${CLIENTS} clients, gzip (requests/s)`]: Math.round(CACHED_REQUESTS / cachedSeconds),
      };
    } finally {
      await stack.close();
      await env.cleanup();
    }
  },
} satisfies Benchmark;

/** Event i: one of 50 rooms, two-hour slots one after another from 1 September 2022 (Moscow). */
function eventInput(i: number) {
  const start = new Date(Date.parse('2022-09-01T08:00:00+03:00') + Math.floor(i / ROOMS) * 2 * 3600_000);
  return {
    hostId: 'bench-centre',
    title: `Мастер-класс «Робототехника для начинающих» № ${i + 1}`,
    description: 'Обучающиеся собирают и программируют робота на базе конструктора; педагог центра «Точка роста» показывает приёмы работы с датчиками.',
    kind: 'master_class' as const,
    direction: 'robotics' as const,
    venue: `room-${i % ROOMS}`,
    start: start.toISOString(),
    end: new Date(start.getTime() + 90 * 60_000).toISOString(),
    audience: ['pupils' as const, 'teachers' as const],
    grades: '5–7 классы',
    partners: [],
    capacity: { seats: 25, groups: 2 },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
