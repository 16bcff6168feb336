import { Actor, Agreement, agreementSchema, CalendarEvent, DIRECTIONS, EVENT_KINDS, Organization, organizationSchema, reportsRpcs } from '@tochka/contracts';
import { connectMongo } from '@tochka/runtime';
import { createTestEnv, sampleCalendarEvent } from '@tochka/testing';
import type { Benchmark } from './index';
import { Network } from './network';

const EVENTS = Number(process.env.BENCH_REPORT_EVENTS ?? 5000);
const REGISTRATIONS = Number(process.env.BENCH_REPORT_REGISTRATIONS ?? 50_000);
const CENTRES = 10;
const COORDINATOR: Actor = { userId: 'bench-coordinator', role: 'coordinator', organizationId: 'mk-moshr' };

function centre(i: number): Organization {
  return organizationSchema.parse({
    id: `centre-${i}`,
    kind: 'growth_point_centre',
    fullName: `Школа № ${i} с центром «Точка роста»`,
    shortName: `СОШ № ${i}`,
    settlement: 'ст. Старощербиновская',
    address: `ул. Школьная, ${i}`,
    centre: { profile: 'digital_humanitarian', openedYear: 2020 },
    head: { name: `Руководитель ${i}`, email: `centre${i}@bench.test` },
    rooms: [{ key: 'room-1', name: 'Кабинет', capacity: 30 }],
    version: 1,
    createdAt: '2022-09-01T09:00:00.000Z',
    updatedAt: '2022-09-01T09:00:00.000Z',
  });
}

function agreement(i: number): Agreement {
  return agreementSchema.parse({
    id: `a${String(i).padStart(23, '0')}`,
    number: `СВ-2022/${i}`,
    title: `Соглашение ${i}`,
    parties: [0, 1].map((k) => ({
      organizationId: `centre-${(i + k) % CENTRES}`,
      organizationName: `СОШ № ${(i + k) % CENTRES}`,
      organizationKind: 'growth_point_centre',
      responsible: { name: 'Ответственный' },
    })),
    directions: ['robotics'],
    validFrom: '2022-09-01',
    validTo: '2023-08-31',
    status: 'expired',
    signatures: [],
    createdBy: { userId: 'bench', organizationId: 'mk-moshr' },
    createdAt: '2022-09-01T09:00:00.000Z',
    version: 3,
  });
}

/**
 * The monitoring report over a school year of BENCH_REPORT_EVENTS events (5,000, 90% held) and
 * BENCH_REPORT_REGISTRATIONS registrations (50,000, with attendance), 10 centres, 40 agreements.
 * The read models are filled directly (what their handlers would store): the benchmark measures
 * answering, not consuming. The reports service runs in its own process, as `pnpm start` runs it;
 * asked over NATS from this one as the gateway asks; three times each, median taken. Its memory at
 * rest (once filled) and at its peak beside the answers.
 */
export default {
  name: `reports: monitoring report over ${EVENTS} events and ${REGISTRATIONS} registrations`,
  async run() {
    const env = createTestEnv();
    const network = await Network.start(env, ['reports'], { reports: { LOG_LEVEL: 'error', RPC_TIMEOUT_MS: 300_000 } });
    const mongo = await connectMongo(env.mongoUrl, env.dbName('reports'));
    const { rpc } = network;
    try {
      const fillStart = performance.now();
      const orgs = Array.from({ length: CENTRES }, (_, i) => centre(i));
      await mongo.collection('organizations').insertMany(orgs.map((o) => ({ _id: o.id as never, version: 1, json: JSON.stringify(o), kind: o.kind })));
      const agreements = Array.from({ length: 40 }, (_, i) => agreement(i));
      await mongo
        .collection('agreements')
        .insertMany(agreements.map((a) => ({ _id: a.id as never, version: a.version, json: JSON.stringify(a), status: a.status, number: a.number })));
      const yearStart = Date.parse('2022-09-01T06:00:00Z');
      const events: CalendarEvent[] = Array.from({ length: EVENTS }, (_, i) => {
        const start = new Date(yearStart + Math.floor((i / EVENTS) * 300) * 86_400_000 + (i % 8) * 3_600_000);
        const host = i % CENTRES;
        return sampleCalendarEvent({
          id: `e${String(i).padStart(23, '0')}`,
          title: `Мероприятие ${i}`,
          kind: EVENT_KINDS[i % EVENT_KINDS.length]!,
          direction: DIRECTIONS[i % DIRECTIONS.length]!,
          host: { organizationId: `centre-${host}`, organizationName: `СОШ № ${host}` },
          start: start.toISOString(),
          end: new Date(start.getTime() + 3_600_000).toISOString(),
          registrationDeadline: new Date(start.getTime() - 86_400_000).toISOString(),
          partners: i % 3 ? [{ organizationId: `centre-${(host + 1) % CENTRES}`, organizationName: `СОШ № ${(host + 1) % CENTRES}` }] : [],
          ...(i % 3 ? { agreementId: agreements[i % 40]!.id } : {}),
          status: i % 10 ? 'held' : 'approved',
          ...(i % 10 ? { report: { participants: 10 + (i % 20) } } : {}),
        });
      });
      for (let k = 0; k < events.length; k += 1000) {
        await mongo.collection('events').insertMany(
          events.slice(k, k + 1000).map((e) => ({
            _id: e.id as never,
            version: e.version,
            json: JSON.stringify(e),
            status: e.status,
            start: new Date(e.start),
            hostId: e.host.organizationId,
          })),
        );
      }
      for (let k = 0; k < REGISTRATIONS; k += 5000) {
        await mongo.collection('registrations').insertMany(
          Array.from({ length: Math.min(5000, REGISTRATIONS - k) }, (_, j) => {
            const i = k + j;
            const e = events[i % EVENTS]!;
            return {
              _id: `r${String(i).padStart(23, '0')}` as never,
              version: 2,
              eventId: e.id,
              eventStart: new Date(e.start),
              organizationId: 'ds-5',
              organizationName: 'МБДОУ ЦРР д/с № 5',
              status: i % 7 ? 'confirmed' : 'cancelled',
              children: 1 + (i % 20),
              ...(i % 7 && i % 4 ? { attended: true, actualChildren: i % 20 } : {}),
            };
          }),
        );
      }
      const fillSeconds = (performance.now() - fillStart) / 1000;
      const atRest = network.memory();
      const time = async (fn: () => Promise<unknown>) => {
        const runs: number[] = [];
        for (let r = 0; r < 3; r++) {
          const t = performance.now();
          await fn();
          runs.push(performance.now() - t);
        }
        return runs.sort((a, b) => a - b)[1]!;
      };
      let held = 0;
      const report = await time(async () => {
        held = (await rpc.request(reportsRpcs.monitoring, { actor: COORDINATOR, query: { schoolYear: '2022-2023' } }, { timeoutMs: 300_000 })).total.eventsHeld;
      });
      const xlsx = await time(() =>
        rpc.request(reportsRpcs.monitoringExport, { actor: COORDINATOR, query: { schoolYear: '2022-2023' } }, { timeoutMs: 300_000 }),
      );
      const centreReport = await time(() =>
        rpc.request(
          reportsRpcs.monitoring,
          { actor: { ...COORDINATOR, role: 'centre_head', organizationId: 'centre-3' }, query: { schoolYear: '2022-2023' } },
          { timeoutMs: 300_000 },
        ),
      );
      let planBytes = 0;
      const plan = await time(async () => {
        planBytes = Buffer.from(
          (await rpc.request(reportsRpcs.planExport, { actor: COORDINATOR, schoolYear: '2022-2023', format: 'xlsx' }, { timeoutMs: 300_000 })).data,
          'base64',
        ).length;
      });
      return {
        'read models filled (s, not part of the answer)': fillSeconds.toFixed(1),
        'events held counted': held,
        'monitoring report, district (JSON), median of 3 (s)': (report / 1000).toFixed(2),
        'monitoring report, XLSX, median of 3 (s)': (xlsx / 1000).toFixed(2),
        'monitoring report, one centre, median of 3 (s)': (centreReport / 1000).toFixed(2),
        [`plan-schedule XLSX of ${EVENTS} events, median of 3 (s)`]: (plan / 1000).toFixed(2),
        'plan-schedule XLSX size (kB)': Math.round(planBytes / 1024),
        ...network.memoryRows(atRest),
      };
    } finally {
      await mongo.close();
      await network.close();
      await env.cleanup();
    }
  },
} satisfies Benchmark;
