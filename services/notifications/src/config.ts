import { z } from 'zod';
import { baseConfigSchema } from '@tochka/runtime';

/** A comma-separated list of milliseconds, parsed like EVENT_BACKOFF_MS. */
const msList = (fallback: number[]) => baseConfigSchema.shape.EVENT_BACKOFF_MS.unwrap().default(fallback);

export const configSchema = baseConfigSchema.extend({
  /** Where mail goes out; pooled connections. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, 'ожидается адрес вида smtp://host:25')
    .default('smtp://127.0.0.1:1025'),
  SMTP_POOL_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(5),
  /** Health asks the SMTP server (connect, EHLO, QUIT) at most this often; the answer is kept meanwhile. */
  SMTP_HEALTH_TTL_MS: z.coerce.number().int().min(0).default(15_000),
  MAIL_FROM: z.string().min(3).default('"Точка роста — Щербиновский район" <no-reply@tochka-rosta.shcherbinovsky.test>'),
  /** Base URL of the gateway: the links in mails. */
  PUBLIC_URL: z.url().default('http://localhost:8080'),
  /** SMTP attempts a mail gets when the server refuses it, before it is `failed`. */
  NOTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  /** Delay before the n-th retry after a refusal (the last value repeats). */
  NOTIFICATION_RETRY_MS: msList([30_000, 120_000, 600_000, 1_800_000, 3_600_000]),
  /** While the SMTP server cannot be reached, how long to wait before trying again (no attempt is spent). */
  NOTIFICATION_OUTAGE_RETRY_MS: z.coerce.number().int().min(10).default(30_000),
  /** Lease slot of a sender's lane (claims.ts): the next one is taken every third of it while the holder sends; a holder that died frees its lanes after one or two. */
  NOTIFICATION_LEASE_MS: z.coerce.number().int().min(1000).default(15_000),
  /** Mails one sender lane reads and sends at once (an instance has four lanes in flight). */
  NOTIFICATION_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
  /** How often the sender looks for due mails (it is also woken right after each enqueue). */
  NOTIFICATION_POLL_MS: z.coerce.number().int().min(10).default(1000),
  /** Longest wait between looks while nothing is due (unset: 10 × NOTIFICATION_POLL_MS). */
  NOTIFICATION_POLL_IDLE_MS: z.coerce.number().int().min(10).optional(),
  /** Reminders go out this many hours before an event starts. */
  REMINDER_LEAD_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 14)
    .default(24),
  /** How often reminders and the digest are looked for. */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(10).default(60_000),
  /** The coordinators' daily digest goes out at this hour, Moscow time. */
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  /** Agreements ending within this many days appear in the digest. */
  DIGEST_EXPIRING_DAYS: z.coerce.number().int().min(1).max(365).default(30),
});
export type NotificationsConfig = z.output<typeof configSchema>;
