import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, Server } from 'node:http';
import { AddressInfo, createServer as createNetServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Actor, agreementRpcs, calendarRpcs } from '@tochka/contracts';
import { PrintedEvent, renderCalendar } from '@tochka/ical';
import { connectMongo } from '@tochka/runtime';
import { Api, createTestEnv, eventually } from '@tochka/testing';
import { load, LoadResult } from './http-load';
import type { Benchmark } from './index';
import { Network } from './network';
import { masterClassInput } from './sample-event';

const COUNT = Number(process.env.BENCH_FEED_EVENTS ?? 5000);
const ROOMS = 50;
const IMPORTERS = 16;
const CLIENTS = 8;
/** Each load run (after a warm-up request per connection). */
const SECONDS = Number(process.env.BENCH_FEED_SECONDS ?? 5);
const NGINX = process.env.BENCH_NGINX ?? '/usr/sbin/nginx';

const COORDINATOR: Actor = { userId: 'bench-coordinator', role: 'coordinator', organizationId: 'bench-centre' };

/**
 * The district plan feed with 5,000 approved events (BENCH_FEED_EVENTS), through the gateway on
 * loopback, as a calendar app would poll it by its secret address, each figure beside its
 * reference measured in the same run:
 * - full renders: the first request (reading the events, rendering every VEVENT, gzip, the parts
 *   over NATS, the gateway unpacking the text once) and the first after one event changed — beside
 *   ical-generator alone rendering the same 5,000 events as stored;
 * - the unchanged feed from the gateway's memory, gzip and plain — beside nginx (Debian's) serving
 *   the same bytes as a static file (`gzip_static`), started here on a free port;
 * - conditional requests answered 304 — beside a bare Node handler answering 304;
 * all three with the same load generator (http-load.ts: CLIENTS keep-alive connections, a worker
 * thread). Agreements, calendar and the gateway run each in its own process, as `pnpm start` runs
 * them; this one sends the commands, generates the load and measures the references. The events
 * are loaded through the calendar's import command (one host with 50 rooms). Each service's
 * memory at rest (once loaded, before the first request) and at its peak beside the figures.
 */
export default {
  name: `iCal feed of ${COUNT} events through the gateway`,
  async run() {
    const env = createTestEnv();
    const quiet = { LOG_LEVEL: 'error' };
    const network = await Network.start(env, ['agreements', 'calendar', 'gateway'], { agreements: quiet, calendar: quiet, gateway: quiet });
    const calendarDb = await connectMongo(env.mongoUrl, env.dbName('calendar'));
    try {
      const { rpc } = network;
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
            const { event } = await rpc.request(calendarRpcs.import, { actor: COORDINATOR, key: `bench-${i}`, event: feedEventInput(i) });
            if (i === 0) firstId = event.id;
          }
        }),
      );
      const loadSeconds = (performance.now() - loadStarted) / 1000;

      const coordinator = await network.userApi('metodist@bench.test', 'coordinator', 'bench-centre');
      const sub = await coordinator.post('/api/calendar-subscriptions', { scope: { kind: 'plan' } });
      const path = new URL(sub.body.url).pathname;
      const app = new Api(network.url);
      const atRest = network.memory();

      const firstStarted = performance.now();
      const first = await app.get(path);
      const firstMs = performance.now() - firstStarted;
      if (first.status !== 200) throw new Error(`feed answered ${first.status}`);
      const vevents = first.text.match(/BEGIN:VEVENT/g)?.length ?? 0;
      if (vevents !== COUNT) throw new Error(`feed has ${vevents} events, expected ${COUNT}`);
      const etag = first.headers.get('etag')!;

      // One event changes: the next request renders the feed again (4,999 VEVENTs reused).
      const changed = await coordinator.patch(`/api/events/${firstId}`, { description: 'Изменённое описание' });
      if (changed.status !== 200) throw new Error(`change answered ${changed.status}`);
      const againStarted = performance.now();
      const again = await app.get(path, { 'if-none-match': etag });
      const againMs = performance.now() - againStarted;
      if (again.status !== 200) throw new Error(`changed feed answered ${again.status}`);
      const current = again.headers.get('etag')!;
      const gzipped = await rawGet(network.url + path, { 'accept-encoding': 'gzip' });
      const plain = await rawGet(network.url + path);

      // References on the same data. ical-generator alone: the same 5,000 events, as stored.
      const docs = await calendarDb.collection('events').find({}).toArray();
      const events = docs.map(asPrinted);
      const renderStarted = performance.now();
      const reference = renderCalendar(events, { name: 'План', publicUrl: 'http://localhost:8080', now: new Date() });
      const icalGeneratorMs = performance.now() - renderStarted;
      if ((reference.match(/BEGIN:VEVENT/g)?.length ?? 0) !== COUNT) throw new Error('reference render lost events');

      const feedUrl = network.url + path;
      const gzipHeaders = { 'accept-encoding': 'gzip' };
      const ours = {
        gzip: await load({ url: feedUrl, headers: gzipHeaders, connections: CLIENTS, seconds: SECONDS }),
        plain: await load({ url: feedUrl, connections: CLIENTS, seconds: SECONDS }),
        notModified: await load({ url: feedUrl, headers: { 'if-none-match': current }, connections: CLIENTS, seconds: SECONDS, status: 304 }),
      };
      if (ours.gzip.bodyBytes !== gzipped.length || ours.plain.bodyBytes !== plain.length) {
        throw new Error(`the feed changed during the benchmark: ${ours.gzip.bodyBytes}/${gzipped.length}, ${ours.plain.bodyBytes}/${plain.length}`);
      }

      const nginx = await startNginx(plain, gzipped);
      const bare = await bareNode304(current);
      let references: { gzip: LoadResult; plain: LoadResult; notModified: LoadResult };
      try {
        references = {
          gzip: await load({ url: `${nginx.url}/feed.ics`, headers: gzipHeaders, connections: CLIENTS, seconds: SECONDS }),
          plain: await load({ url: `${nginx.url}/feed.ics`, connections: CLIENTS, seconds: SECONDS }),
          notModified: await load({ url: bare.url, headers: { 'if-none-match': current }, connections: CLIENTS, seconds: SECONDS, status: 304 }),
        };
      } finally {
        await nginx.stop();
        await bare.stop();
      }
      if (references.gzip.bodyBytes !== gzipped.length || references.plain.bodyBytes !== plain.length) throw new Error('nginx did not serve the same bytes');

      const rate = (r: LoadResult) => Math.round(r.perSecond);
      const ratio = (a: number, b: number) => (a / b).toFixed(2);
      return {
        'events in the feed': COUNT,
        'loading them through calendar.events.import (events/s)': Math.round(COUNT / loadSeconds),
        'feed size, text (MB) / gzip (kB)': `${(plain.length / 1e6).toFixed(2)} / ${Math.round(gzipped.length / 1000)}`,
        'full render, first request (ms)': Math.round(firstMs),
        'full render after one event changed (ms)': Math.round(againMs),
        'reference: ical-generator alone, same events (ms)': Math.round(icalGeneratorMs),
        'first render / ical-generator (target ≤ 1.5)': ratio(firstMs, icalGeneratorMs),
        'render after a change / ical-generator (target ≤ 1.5)': ratio(againMs, icalGeneratorMs),
        [`cached feed, gzip, ${CLIENTS} connections (requests/s)`]: rate(ours.gzip),
        'reference: nginx, same bytes, gzip_static (requests/s)': rate(references.gzip),
        'cached gzip / nginx (target ≥ 0.3)': ratio(ours.gzip.perSecond, references.gzip.perSecond),
        [`cached feed, plain, ${CLIENTS} connections (requests/s)`]: rate(ours.plain),
        'reference: nginx, same bytes, plain (requests/s)': rate(references.plain),
        'cached plain / nginx (target ≥ 0.3)': ratio(ours.plain.perSecond, references.plain.perSecond),
        [`304 on If-None-Match, ${CLIENTS} connections (requests/s)`]: rate(ours.notModified),
        'reference: bare Node handler answering 304 (requests/s)': rate(references.notModified),
        '304 / bare Node (target ≥ 0.3)': ratio(ours.notModified.perSecond, references.notModified.perSecond),
        'load average at the end (1 / 5 / 15 min)': loadavg()
          .map((l) => l.toFixed(2))
          .join(' / '),
        ...network.memoryRows(atRest),
      };
    } finally {
      await calendarDb.close();
      await network.close();
      await env.cleanup();
    }
  },
} satisfies Benchmark;

/** A stored event document as the renderer takes it (instants as ISO text). */
function asPrinted(doc: Record<string, any>): PrintedEvent {
  const iso = (d: unknown) => (d ? new Date(d as Date).toISOString() : undefined);
  return {
    ...doc,
    id: String(doc._id),
    start: iso(doc.start)!,
    end: iso(doc.end)!,
    updatedAt: iso(doc.updatedAt)!,
    ...(doc.registrationDeadline ? { registrationDeadline: iso(doc.registrationDeadline) } : {}),
  } as PrintedEvent;
}

/** The body as sent (fetch would inflate gzip). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${url} answered ${res.statusCode}`))));
    }).on('error', reject);
  });
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** nginx with a temporary config on a free port, serving `feed.ics` and its `feed.ics.gz`. */
async function startNginx(plain: Buffer, gzipped: Buffer): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-nginx-'));
  const www = join(dir, 'www');
  mkdirSync(www);
  writeFileSync(join(www, 'feed.ics'), plain);
  writeFileSync(join(www, 'feed.ics.gz'), gzipped);
  for (const d of [dir, www]) chmodSync(d, 0o755); // workers drop root
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  types { text/calendar ics; }
  server {
    listen 127.0.0.1:${port};
    root ${www};
    gzip_static on;
    gzip_vary on;
  }
}
`,
  );
  execFileSync(NGINX, ['-t', '-q', '-c', conf, '-p', dir]);
  const nginx = spawn(NGINX, ['-c', conf, '-p', dir], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const up = await fetch(`${url}/feed.ics`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 100) throw new Error('nginx did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => nginx.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The least a Node server can do for a conditional request: the headers our 304 has, nothing else. */
async function bareNode304(etag: string): Promise<{ url: string; stop(): Promise<void> }> {
  const lastModified = new Date().toUTCString();
  const server: Server = createServer((_req, res) => {
    res.writeHead(304, { ETag: etag, 'Last-Modified': lastModified, 'Cache-Control': 'private, no-cache', Vary: 'Accept-Encoding' });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Event i: one of 50 rooms, two-hour slots one after another from 1 September 2022 (Moscow). */
function feedEventInput(i: number) {
  return masterClassInput(new Date(Date.parse('2022-09-01T08:00:00+03:00') + Math.floor(i / ROOMS) * 2 * 3600_000), {
    title: `Мастер-класс «Робототехника для начинающих» № ${i + 1}`,
    description: 'Обучающиеся собирают и программируют робота на базе конструктора; педагог центра «Точка роста» показывает приёмы работы с датчиками.',
    venue: `room-${i % ROOMS}`,
    audience: ['pupils', 'teachers'],
    capacity: { seats: 25, groups: 2 },
  });
}
