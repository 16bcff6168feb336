import { createTransport } from 'nodemailer';
import { Registration, registrationEvents } from '@tochka/contracts';
import { createEvent, publishEvent } from '@tochka/messaging';
import { startNotifications } from '@tochka/notifications';
import { createTestEnv, eventually, sampleCalendarEvent, startSmtpSink } from '@tochka/testing';
import type { Benchmark } from './index';

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
 * message) through the pooled transport, for 5,000 notifications (BENCH_MAILS). Two phases:
 * with SMTP down, 5,000 `registration.waitlisted` events are published and queued (enqueue rate:
 * consume, render, store idempotently); then SMTP comes back and the queue drains (send rate:
 * claim, send over BENCH_SMTP_POOL pooled connections, record the outcome). The reference, in
 * the same run: nodemailer alone, pooled the same way, sending the same rendered mail to the same
 * sink as many times, all handed over at once.
 */
export default {
  name: `mail: ${COUNT} notifications to a local SMTP sink, ${POOL} pooled connections`,
  async run() {
    const env = createTestEnv();
    const sink = await startSmtpSink();
    const service = await startNotifications({
      overrides: env.overrides('notifications', {
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
        SMTP_URL: sink.url,
        SMTP_POOL_CONNECTIONS: POOL,
        NOTIFICATION_BATCH_SIZE: 100,
        NOTIFICATION_POLL_MS: 50,
        NOTIFICATION_OUTAGE_RETRY_MS: 5000,
        SCHEDULER_INTERVAL_MS: 3_600_000,
      }),
    });
    const { bus, mongo } = service.runtime;
    // While SMTP is down every notification stays queued: the collection's size is the queue's.
    const stored = () => mongo.collection('notifications').estimatedDocumentCount();
    try {
      await bus.ensureProducerStream('registrations');
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
      await eventually(async () => (await stored()) === COUNT, 1_800_000, 500);
      const enqueueSeconds = (performance.now() - enqueueStart) / 1000;
      const sample = (await mongo.collection('notifications').findOne({}, { projection: { body: 1 } }))?.body as { text: string; html: string } | undefined;
      if (!sample) throw new Error('no rendered mail to send as the reference');

      const sendStart = performance.now();
      await sink.start();
      await sink.waitFor((m) => m.envelope.to[0]?.endsWith('@bench.test') ?? false, { count: COUNT, timeoutMs: 600_000 });
      const sendSeconds = (performance.now() - sendStart) / 1000;
      const sent = await eventually(
        async () => {
          const n = await mongo.collection('notifications').countDocuments({ status: 'sent' });
          return n === COUNT ? n : undefined;
        },
        60_000,
        500,
      );
      const duplicates = sink.messages.length - new Set(sink.messages.map((m) => m.envelope.to[0])).size;
      const raw = await rawNodemailer(sink, { text: sample.text, html: sample.html });
      const ratio = COUNT / sendSeconds / raw;
      return {
        'notifications queued from events (count)': COUNT,
        'enqueue: events consumed, rendered and stored (per second)': Math.round(COUNT / enqueueSeconds),
        'send: mails accepted by the sink (per second)': Math.round(COUNT / sendSeconds),
        'send: time to drain the queue (s)': sendSeconds.toFixed(1),
        'reference: nodemailer alone, same pool, same mail, same sink (per second)': Math.round(raw),
        'send rate / reference (target ≥ 0.8)': ratio.toFixed(2),
        'mails sent / duplicates (count)': `${sent} / ${duplicates}`,
      };
    } finally {
      await service.close();
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
