import { z } from 'zod';
import { baseConfigSchema } from '@tochka/runtime';

export const configSchema = baseConfigSchema.extend({
  /** REFRESH-INTERVAL and X-PUBLISHED-TTL of the iCal feeds. */
  CALENDAR_FEED_REFRESH_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  /** A cancelled event stays in feeds (STATUS:CANCELLED) this long, so subscribed apps update it. */
  CALENDAR_CANCELLED_IN_FEEDS_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** The events of feeds are kept in memory, current from the bus; read again from the database at least this often. */
  CALENDAR_FEED_INDEX_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  /** Rendered feeds kept in memory (by scope and etag). */
  CALENDAR_FEED_CACHE_ENTRIES: z.coerce.number().int().min(1).max(10_000).default(64),
  /** A compressed feed travels in parts of at most this many bytes (a NATS message is 1 MiB by default). */
  CALENDAR_FEED_PART_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(8 * 1024 * 1024)
    .default(512 * 1024),
});
export type CalendarConfig = z.output<typeof configSchema>;
