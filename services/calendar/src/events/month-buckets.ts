import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { moscowDate } from '@tochka/contracts';
import { withDocumentLock } from '@tochka/messaging';
import { Logger, LOGGER } from '@tochka/runtime';
import { EVENT_MODEL, EventModel } from './event.model';

/**
 * Month buckets: every stored event carries `months`, the Moscow months (`YYYY-MM`) its
 * [start, end) touches, indexed. A window's listing asks one equality per month it covers
 * (`{months: '2026-01', …}`), which MongoDB serves from the multikey index and FerretDB 1.24
 * hands to its backend, instead of a date range that FerretDB filters after reading every event.
 */

/** A window covering more months than this is listed by the plain range query. */
export const MAX_BUCKETS = 24;

/** The Moscow months [start, end) touches, in order (an empty or reversed span: the start's month). */
export function monthsOf(start: Date, end: Date): string[] {
  const first = moscowDate(start).slice(0, 7);
  const last = moscowDate(new Date(Math.max(start.getTime(), end.getTime() - 1))).slice(0, 7);
  const months: string[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) months.push(month);
  return months;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Events stored before the buckets existed get them once, each under its lock (a writer of the
 * event takes the same lock), in the background after start; then `month_buckets_filled`
 * remembers it and no later start scans again.
 */
@Injectable()
export class MonthBucketsBackfill implements OnApplicationBootstrap {
  private running?: Promise<void>;

  constructor(
    @Inject(EVENT_MODEL) private readonly events: EventModel,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.fill().catch((err: Error) => this.logger.warn({ err: err.message }, 'month buckets backfill failed; next start tries again'));
  }

  /** Resolves when the backfill started at bootstrap is over. */
  done(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async fill(): Promise<void> {
    const filled = this.events.db.collection<{ _id: string; at: Date }>('month_buckets_filled');
    if (await filled.findOne({ _id: 'events' })) return;
    const missing = await this.events.collection.find({ months: { $exists: false } }, { projection: { _id: 1 } }).toArray();
    for (const { _id } of missing) {
      await withDocumentLock(this.events, _id, async () => {
        const doc = await this.events.collection.findOne({ _id }, { projection: { start: 1, end: 1, months: 1 } });
        if (doc && !doc.months) await this.events.collection.updateOne({ _id }, { $set: { months: monthsOf(doc.start, doc.end) } });
      });
    }
    await filled.updateOne({ _id: 'events' }, { $set: { at: new Date() } }, { upsert: true });
    if (missing.length) this.logger.info({ events: missing.length }, 'month buckets filled in');
  }
}
