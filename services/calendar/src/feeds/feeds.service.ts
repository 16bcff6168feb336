import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { calendarRpcs, DomainError, Feed } from '@tochka/contracts';
import { FeedRenderer, PrintedEvent } from '@tochka/ical';
import { Clock, CLOCK, CONFIG } from '@tochka/runtime';
import { CalendarConfig } from '../config';
import { ReadModels } from '../read-models/read-models.service';
import { DAY_MS } from '../events/when';
import { FeedIndex, IndexedEvent } from './feed-index';
import { FeedScopes, ResolvedScope } from './feed-scopes';
import { LruCache } from './lru-cache';

const gzipAsync = promisify(gzip);
type FeedRequest = z.output<typeof calendarRpcs.feed.request>;

/** A feed as of one reading of its events: validators and the events to print, in order. */
interface Snapshot {
  scope: ResolvedScope;
  etag: string;
  lastModified: Date;
  /** When the first cancelled event in it leaves (ms), or Infinity. */
  validUntil: number;
  events: PrintedEvent[];
}

/**
 * iCal feeds. A request reads the scope's events with equality queries on indexed fields (one per
 * status or per scope field), only the fields the feed prints; the etag is derived from what was
 * read (the scope, its name, and every event's id and version), so any instance derives the same.
 * Gateways keep answers in memory and ask again only after something on the bus moved, so these
 * queries run once per change, not per poll. A feed is rendered once per etag from VEVENT texts
 * kept per event version (only changed events are rendered again), gzip-compressed, kept in
 * memory and sent in parts that fit NATS messages.
 */
@Injectable()
export class FeedsService {
  private readonly rendered: LruCache<Buffer>;
  /** Requests for the same feed at the same time share one reading. */
  private readonly reading = new Map<string, Promise<Snapshot>>();
  private readonly renderer = new FeedRenderer();

  constructor(
    private readonly index: FeedIndex,
    private readonly scopes: FeedScopes,
    private readonly readModels: ReadModels,
    @Inject(CONFIG) private readonly config: CalendarConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.rendered = new LruCache(config.CALENDAR_FEED_CACHE_ENTRIES);
  }

  async feed(req: FeedRequest): Promise<Feed> {
    // Later parts of a feed this instance has just sent: the text of an etag never changes. (Only
    // their bytes matter: the caller took the validators from the first part.)
    const kept = req.part > 0 && req.etag ? this.rendered.peek(req.etag) : undefined;
    if (kept !== undefined) return this.part(await kept, req.part, { etag: req.etag!, lastModified: new Date(0).toISOString() });

    const snapshot = await this.read(req);
    const validators = {
      etag: snapshot.etag,
      lastModified: snapshot.lastModified.toISOString(),
      ...(Number.isFinite(snapshot.validUntil) ? { validUntil: new Date(snapshot.validUntil).toISOString() } : {}),
    };
    if (req.part > 0 && req.etag !== snapshot.etag) {
      throw new DomainError('feed_changed', 'Календарь изменился во время загрузки. Повторите запрос.', 409);
    }
    if (req.part === 0 && req.knownEtags.some((known) => opaque(known) === opaque(snapshot.etag))) return { ...validators, unchanged: true };

    const body = await this.rendered.get(snapshot.etag, () => this.render(snapshot, req.publicUrl));
    return this.part(body, req.part, validators);
  }

  private read(req: FeedRequest): Promise<Snapshot> {
    const key = JSON.stringify([req.scope, req.scope.kind === 'mine' ? req.actor.organizationId : null, req.publicUrl]);
    let reading = this.reading.get(key);
    if (!reading) {
      reading = this.snapshot(req).finally(() => this.reading.delete(key));
      this.reading.set(key, reading);
    }
    return reading;
  }

  private async snapshot(req: FeedRequest): Promise<Snapshot> {
    const scope = await this.scopes.resolve(req.scope, req.actor);
    const now = this.clock.now().getTime();
    const keep = this.config.CALENDAR_CANCELLED_IN_FEEDS_DAYS * DAY_MS;
    const [{ events, latestChange }, registrationsChangedAt] = await Promise.all([
      this.index.current(),
      scope.registrationsOf ? this.readModels.registrationsChangedAt(scope.registrationsOf) : undefined,
    ]);

    // Feeds show events that were approved: approved, at risk, held, and cancelled ones for a while
    // (STATUS:CANCELLED, so subscribed apps remove them). Proposals and rejections never appear.
    const members: IndexedEvent[] = [];
    let validUntil = Infinity;
    let lastDropped = 0;
    for (const event of events) {
      if (!scope.includes(event)) continue;
      if (event.status === 'cancelled') {
        if (!event.approved) continue;
        const leaves = Date.parse(event.cancelledAt ?? '1970-01-01T00:00:00Z') + keep;
        if (leaves <= now) {
          lastDropped = Math.max(lastDropped, leaves);
          continue;
        }
        validUntil = Math.min(validUntil, leaves);
      }
      members.push(event);
    }
    members.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

    const etag = `W/"${createHash('sha256')
      .update(JSON.stringify([scope.key, scope.name, req.publicUrl, this.config.CALENDAR_FEED_REFRESH_MINUTES, members.map((m) => `${m.id}:${m.version}`)]))
      .digest('hex')
      .slice(0, 32)}"`;
    // Last-Modified is conservative: the latest change to any event (also one that left this
    // feed) or registration of the owner, or the moment a cancelled event left; HTTP dates have
    // whole seconds, so round up: a change within the same second still counts as later.
    const registrations = registrationsChangedAt ? new Date(registrationsChangedAt).getTime() : 0;
    const lastModified = new Date(Math.ceil(Math.max(latestChange, registrations, lastDropped) / 1000) * 1000);
    return { scope, etag, lastModified, validUntil, events: members };
  }

  private part(body: Buffer, part: number, validators: { etag: string; lastModified: string; validUntil?: string }): Feed {
    const size = this.config.CALENDAR_FEED_PART_BYTES;
    const parts = Math.max(1, Math.ceil(body.length / size));
    if (part >= parts) throw new DomainError('feed_part_missing', 'Такой части календаря нет', 400);
    return { ...validators, unchanged: false, parts, data: body.subarray(part * size, (part + 1) * size).toString('base64') };
  }

  private async render(snapshot: Snapshot, publicUrl: string): Promise<Buffer> {
    const ics = this.renderer.render(snapshot.events, {
      name: snapshot.scope.name,
      publicUrl,
      refreshMinutes: this.config.CALENDAR_FEED_REFRESH_MINUTES,
    });
    return gzipAsync(ics);
  }
}

/** Etags compare weakly: `W/"x"` and `"x"` are the same tag. */
function opaque(etag: string): string {
  return etag.trim().replace(/^W\//, '');
}
