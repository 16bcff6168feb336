import { spawn } from 'node:child_process';
import { Actor, agreementRpcs, calendarRpcs } from '@tochka/contracts';
import { PENDING_OUTBOX } from '@tochka/messaging';
import { connectMongo } from '@tochka/runtime';
import { createTestEnv, eventually, startSmtpSink } from '@tochka/testing';
import type { Benchmark } from './index';
import { Network } from './network';
import { databaseProcesses, TICKS, ticksOf } from './processes';
import { masterClassInput } from './sample-event';

const EVENTS = Number(process.env.BENCH_IDLE_EVENTS ?? 10_000);
const SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 20);
/** Before the window: the start-up sweeps, then their backing off to the idle interval (2 + 4 + 8 + 16 s). */
const SETTLE_SECONDS = Number(process.env.BENCH_IDLE_SETTLE_SECONDS ?? 40);
const COORDINATOR: Actor = { userId: 'bench-coordinator', role: 'coordinator', organizationId: 'bench-centre' };

/**
 * An idle network: every service and the gateway, each in its own process as `pnpm start` runs
 * them, with the real sweep interval (2 s), BENCH_IDLE_EVENTS calendar events and as many ledger
 * commits stored (already published; straight into the services' databases from this process),
 * nobody asking anything. After BENCH_IDLE_SETTLE_SECONDS (40) of that, CPU over BENCH_IDLE_SECONDS, as a share of one core, of: the six service
 * processes, the database when it runs on this machine (the FerretDB process and, on PostgreSQL,
 * its backends, found by port), and beside them an idle bare Node process (a timer, nothing else)
 * measured over the same window; each service's memory at rest (at the start of the window) and
 * at its peak. Then the sweep's query alone, and the query it replaced.
 */
export default {
  name: `idle network with ${EVENTS} events and ${EVENTS} ledger commits stored`,
  async run() {
    const env = createTestEnv();
    const sink = await startSmtpSink();
    const real = { LOG_LEVEL: 'error', OUTBOX_SWEEP_MS: 2000 };
    const network = await Network.start(env, ['agreements', 'calendar', 'registrations', 'notifications', 'reports', 'gateway'], {
      agreements: real,
      calendar: real,
      registrations: real,
      notifications: { ...real, SMTP_URL: sink.url },
      reports: real,
      gateway: real,
    });
    const calendarDb = await connectMongo(env.mongoUrl, env.dbName('calendar'));
    const reference = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      const { rpc } = network;
      await rpc.request(agreementRpcs.registerOrganization, {
        actor: COORDINATOR,
        organization: {
          id: 'bench-centre',
          kind: 'growth_point_centre',
          fullName: 'МБОУ СОШ № 5 (нагрузочный тест)',
          shortName: 'МБОУ СОШ № 5',
          settlement: 'ст. Старощербиновская',
          address: 'ул. Советов, 64',
          head: { name: 'Тымченко О.Ю.', email: 'head@bench.test' },
          rooms: [{ key: 'room-1', name: 'Кабинет № 1', capacity: 30 }],
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
      await rpc.request(calendarRpcs.import, {
        actor: COORDINATOR,
        key: 'bench-template',
        event: masterClassInput(new Date('2022-09-01T08:00:00+03:00'), { capacity: { seats: 25, groups: 2 } }),
      });

      // Stored straight into the collections (published long ago: empty outboxes), 1,000 per insert.
      const loadStarted = performance.now();
      const events = calendarDb.collection('events');
      // The template: the one event there is, once its events are published.
      await eventually(async () => ((await events.findOne({}))?.outbox?.length ?? 1) === 0, 30_000);
      const { _id: templateId, ...template } = (await events.findOne({}))!;
      const ObjectId = templateId.constructor as new () => typeof templateId;
      const commits = calendarDb.useDb(env.dbName('registrations')).collection('ledger_commits');
      for (let from = 0; from < EVENTS; from += 1000) {
        const n = Math.min(1000, EVENTS - from);
        const start = (i: number) => new Date(Date.parse('2022-09-01T08:00:00+03:00') + (from + i) * 3600_000);
        await events.insertMany(
          Array.from({ length: n }, (_, i) => ({ ...template, _id: new ObjectId(), start: start(i), end: new Date(start(i).getTime() + 5400_000) })),
        );
        await commits.insertMany(
          Array.from({ length: n }, (_, i) => ({
            _id: `bench-${from + i}:1` as never,
            eventId: `bench-${from + i}`,
            version: 1,
            nextSeq: 1,
            entries: [],
            committedAt: new Date(),
            outbox: [],
          })),
        );
      }
      const loadSeconds = (performance.now() - loadStarted) / 1000;

      // The start-up sweeps (and the one-time adoption of unflagged documents), and the polls
      // backing off to their idle interval, as they do once nobody has asked for a while.
      await new Promise((r) => setTimeout(r, SETTLE_SECONDS * 1000));
      const db = databaseProcesses(new URL(env.mongoUrl).port);
      const services = network.pids();
      const atRest = network.memory();
      const ticksBy = () => Object.fromEntries(Object.entries(services).map(([name, pid]) => [name, ticksOf([pid])]));
      const before = { services: ticksBy(), db: ticksOf(db), ref: ticksOf([reference.pid!]) };
      const started = performance.now();
      await new Promise((r) => setTimeout(r, SECONDS * 1000));
      const seconds = (performance.now() - started) / 1000;
      const after = ticksBy();
      const used = Object.fromEntries(Object.entries(after).map(([name, ticks]) => [name, (ticks - before.services[name]!) / TICKS]));
      const share = (cpuSeconds: number) => `${((100 * cpuSeconds) / seconds).toFixed(2)} %`;

      const timed = async (filter: object) => {
        const runs: number[] = [];
        for (let i = 0; i < 3; i++) {
          const t = performance.now();
          await events
            .find(filter, { projection: { _id: 1, outbox: 1 } })
            .limit(500)
            .toArray();
          runs.push(performance.now() - t);
        }
        return Math.round(runs.sort((a, b) => a - b)[1]!);
      };

      return {
        'events / ledger commits stored': `${EVENTS} / ${EVENTS}`,
        'storing them (s)': loadSeconds.toFixed(1),
        'window (s)': seconds.toFixed(1),
        'CPU of the six service processes together, share of one core': share(Object.values(used).reduce((a, b) => a + b, 0)),
        'of which each process': Object.entries(used)
          .map(([name, cpu]) => `${name} ${share(cpu)}`)
          .join(', '),
        'CPU of the database on this machine, share of one core': db.length ? share((ticksOf(db) - before.db) / TICKS) : 'not on this machine',
        'reference: CPU of an idle bare Node process, same window': share((ticksOf([reference.pid!]) - before.ref) / TICKS),
        'one sweep query of the events, pending flag (ms, median of 3)': await timed(PENDING_OUTBOX),
        "reference: the query it replaced, {'outbox.0': {$exists: true}} (ms, median of 3)": await timed({ 'outbox.0': { $exists: true } }),
        ...network.memoryRows(atRest),
      };
    } finally {
      reference.kill();
      await calendarDb.close();
      await network.close();
      await sink.close();
      await env.cleanup();
    }
  },
} satisfies Benchmark;
