import { ChildProcess } from 'node:child_process';
import { createTransport } from 'nodemailer';
import { notificationRpcs, Registration, registrationEvents } from '@tochka/contracts';
import { createEvent, MessageBus, publishEvent } from '@tochka/messaging';
import { connectMongo, createLogger } from '@tochka/runtime';
import { createTestEnv, eventually, sampleCalendarEvent, startSmtpSink } from '@tochka/testing';
import type { Benchmark } from './index';
import { databaseProcesses, memoryOf, spawnService, stopProcess, ticksOf, TICKS } from './processes';

const COUNT = Number(process.env.BENCH_MAILS ?? 5000);
const POOL = Number(process.env.BENCH_SMTP_POOL ?? 5);

const event = sampleCalendarEvent({ id: 'bench-event' });

function waitlisted(i: number): Registration {
  return {
    id: `bench-reg-${i}`,
    eventId: event.id,
    organizationId: 'ds-5',
    organizationName: 'МБДОУ ЦРР д/с № 5',
    groupName: `Группа № ${i}`,
    children: 1 + (i % 25),
    adults: [{ name: 'Иванова М.П.', phone: '+7 900 000-00-05' }],
    contactEmail: `group${i}@bench.test`,
    status: 'waitlisted',
    waitlistPosition: 1 + i,
    createdBy: { userId: 'bench-user', organizationId: 'ds-5' },
    createdAt: '2023-03-10T09:00:00.000Z',
    updatedAt: '2023-03-10T09:00:00.000Z',
    version: 1,
  };
}

/**
 * Mails per second to a local SMTP sink (the same sink the tests use, which also parses every
 * message) through the pooled transport, for 5,000 notifications (BENCH_MAILS). The notifications
 * service runs in its own process, as `pnpm start` runs it; this one is the load generator (the
 * publisher, the sink, the reference). Two phases: with SMTP down, 5,000
 * `registration.waitlisted` events are published and queued (enqueue rate: consume, render, store
 * idempotently); then SMTP comes back and the queue drains (send rate: claim lanes, send over
 * BENCH_SMTP_POOL pooled connections, record the outcome). The reference, in the same run:
 * nodemailer alone, pooled the same way, sending the same rendered mail to the same sink as many
 * times, all handed over at once.
 */
export default {
  name: `mail: ${COUNT} notifications to a local SMTP sink, ${POOL} pooled connections`,
  async run() {
    const env = createTestEnv();
    const sink = await startSmtpSink();
    let service: ChildProcess | undefined;
    const bus = await MessageBus.connect(
      {
        url: env.natsUrl,
        name: 'bench-mail',
        prefix: env.prefix,
        storage: 'memory',
        duplicateWindowMs: 120_000,
        replicas: 1,
        maxAgeMs: 86_400_000,
        rpcTimeoutMs: 15_000,
        relay: { enabled: false, sweepIntervalMs: 1000 },
      },
      createLogger('bench-mail', 'warn'),
    );
    const mongo = await connectMongo(env.mongoUrl, env.dbName('notifications'));
    // While SMTP is down every notification stays queued: the collection's size is the queue's.
    const stored = () => mongo.collection('notifications').estimatedDocumentCount();
    try {
      await bus.ensureProducerStream('registrations');
      service = await spawnService('notifications', env, {
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
        SMTP_URL: sink.url,
        SMTP_POOL_CONNECTIONS: POOL,
        NOTIFICATION_BATCH_SIZE: 100,
        NOTIFICATION_POLL_MS: 50,
        // Soon after SMTP is back the sender tries again: the send phase measures sending, not the wait.
        NOTIFICATION_OUTAGE_RETRY_MS: 500,
        SCHEDULER_INTERVAL_MS: 3_600_000,
      });
      // Up once it answers (the delivery log, asked as a coordinator).
      const coordinator = { userId: '64b0000000000000000000c1', role: 'coordinator', organizationId: 'mk-moshr' } as const;
      await eventually(
        () =>
          bus.rpc.request(notificationRpcs.list, { actor: coordinator, query: {} }).then(
            () => true,
            () => false,
          ),
        60_000,
        200,
      );
      const atRestMb = memoryOf(service.pid!)?.rss ?? 0;
      await sink.stop();

      const summary = {
        id: event.id,
        title: event.title,
        start: event.start,
        end: event.end,
        hostId: event.host.organizationId,
        hostName: event.host.organizationName,
        venueName: event.venue.roomName,
        address: event.venue.address,
        sequence: event.sequence,
      };
      const enqueueStart = performance.now();
      for (let from = 0; from < COUNT; from += 250) {
        const chunk = Array.from({ length: Math.min(250, COUNT - from) }, (_, k) => from + k);
        await Promise.all(
          chunk.map((i) => publishEvent(bus.js, bus.prefix, createEvent(registrationEvents.waitlisted, { registration: waitlisted(i), event: summary }))),
        );
      }
      await eventually(async () => (await stored()) === COUNT, 1_800_000, 200);
      const enqueueSeconds = (performance.now() - enqueueStart) / 1000;
      const queuedPeakMb = memoryOf(service.pid!)?.peak ?? 0;
      const sample = (await mongo.collection('notifications').findOne({}, { projection: { body: 1 } }))?.body as { text: string; html: string } | undefined;
      if (!sample) throw new Error('no rendered mail to send as the reference');

      // CPU spent while the queue drains: the service, the database (FerretDB and its PostgreSQL backends), this process.
      const database = databaseProcesses(new URL(env.mongoUrl).port);
      const cpuBefore = { service: ticksOf([service.pid!]), database: ticksOf(database), self: process.cpuUsage() };
      const sendStart = performance.now();
      await sink.start();
      await sink.waitFor((m) => m.envelope.to[0]?.endsWith('@bench.test') ?? false, { count: COUNT, timeoutMs: 600_000 });
      const sendSeconds = (performance.now() - sendStart) / 1000;
      const selfCpu = process.cpuUsage(cpuBefore.self);
      const msPerMail = (ticks: number) => ((ticks * 1000) / TICKS / COUNT).toFixed(2);
      const sendCpu = [
        msPerMail(ticksOf([service.pid!]) - cpuBefore.service),
        msPerMail(ticksOf(databaseProcesses(new URL(env.mongoUrl).port)) - cpuBefore.database),
        ((selfCpu.user + selfCpu.system) / 1000 / COUNT).toFixed(2),
      ].join(' / ');
      const sentCount = () => mongo.collection('notifications').countDocuments({ status: 'sent' });
      await eventually(async () => (await sentCount()) === COUNT, 60_000, 200);
      const sent = await sentCount();
      const duplicates = sink.messages.length - new Set(sink.messages.map((m) => m.envelope.to[0])).size;
      const peakMb = memoryOf(service.pid!)?.peak ?? 0;
      sink.clear(); // the reference's messages only, from here on
      const rawCpu = process.cpuUsage();
      const raw = await rawNodemailer(sink, { text: sample.text, html: sample.html });
      const rawCpuUsed = process.cpuUsage(rawCpu);
      const ratio = COUNT / sendSeconds / raw;
      return {
        'notifications queued from events (count)': COUNT,
        'enqueue: events consumed, rendered and stored (per second)': Math.round(COUNT / enqueueSeconds),
        'send: mails accepted by the sink (per second)': Math.round(COUNT / sendSeconds),
        'send: time to drain the queue (s)': sendSeconds.toFixed(1),
        'reference: nodemailer alone, same pool, same mail, same sink (per second)': Math.round(raw),
        'send rate / reference (target ≥ 0.8)': ratio.toFixed(2),
        'send: CPU per mail, notifications / database / load generator (ms)': sendCpu,
        'reference: CPU per mail, nodemailer and the sink (ms)': ((rawCpuUsed.user + rawCpuUsed.system) / 1000 / COUNT).toFixed(2),
        'mails sent / duplicates (count)': `${sent} / ${duplicates}`,
        'notifications process: RSS at rest / peak while queueing / peak (MB, target ≤ 300)': `${atRestMb} / ${queuedPeakMb} / ${peakMb}`,
      };
    } finally {
      if (service) await stopProcess(service);
      await mongo.close();
      await bus.close();
      await sink.close();
      await env.cleanup();
    }
  },
} satisfies Benchmark;

/** Mails per second that nodemailer alone gets into the sink: the same pool, every mail handed over at once. */
async function rawNodemailer(sink: Awaited<ReturnType<typeof startSmtpSink>>, mail: { text: string; html: string }): Promise<number> {
  const transport = createTransport({ url: sink.url, pool: true, maxConnections: POOL });
  try {
    const start = performance.now();
    await Promise.all(
      Array.from({ length: COUNT }, (_, i) =>
        transport.sendMail({ from: 'Точка роста <noreply@tochka-rosta.local>', to: `raw${i}@raw.test`, subject: `Лист ожидания ${i}`, ...mail }),
      ),
    );
    await sink.waitFor((m) => m.envelope.to[0]?.endsWith('@raw.test') ?? false, { count: COUNT, timeoutMs: 600_000 });
    return COUNT / ((performance.now() - start) / 1000);
  } finally {
    transport.close();
  }
}
