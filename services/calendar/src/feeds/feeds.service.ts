import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { calendarRpcs, DomainError, Feed } from '@tochka/contracts';
import { renderCalendar } from '@tochka/ical';
import { withoutOutbox } from '@tochka/messaging';
import { Clock, CLOCK, CONFIG } from '@tochka/runtime';
import { CalendarConfig } from '../config';
import { EVENT_MODEL, EventDoc, EventModel } from '../events/event.model';
import { toEvent } from '../events/event.mapper';
import { ReadModels } from '../read-models/read-models.service';
import { DAY_MS } from '../events/when';
import { ChangeMarker } from './change-marker';
import { FeedScopes, ResolvedScope } from './feed-scopes';
import { LruCache } from './lru-cache';

const gzipAsync = promisify(gzip);
type FeedRequest = z.output<typeof calendarRpcs.feed.request>;
type Stamp = Awaited<ReturnType<FeedsService['stamp']>>;
/** A feed's scope as resolved, the query of its events and its validators, as of one change marker. */
interface Validated {
  scope: ResolvedScope;
  filter: object;
  stamp: Stamp;
}

/**
 * iCal feeds. Validators come from a few indexed queries (how many events the feed holds and which
 * changed last), kept in memory until the change marker moves, so a client's conditional request
 * costs no rendering and usually no query; a feed is rendered once per etag, gzip-compressed, kept
 * in memory and sent in parts that fit NATS messages.
 */
@Injectable()
export class FeedsService {
  private readonly rendered: LruCache<Buffer>;
  private readonly validated: LruCache<Validated>;

  constructor(
    @Inject(EVENT_MODEL) private readonly events: EventModel,
    private readonly scopes: FeedScopes,
    private readonly readModels: ReadModels,
    private readonly marker: ChangeMarker,
    @Inject(CONFIG) private readonly config: CalendarConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.rendered = new LruCache(config.CALENDAR_FEED_CACHE_ENTRIES);
    this.validated = new LruCache(config.CALENDAR_FEED_CACHE_ENTRIES * 16);
  }

  async feed(req: FeedRequest): Promise<Feed> {
    // Later parts of a feed this instance has just sent: the text of an etag never changes. (Only
    // their bytes matter: the caller took the validators from the first part.)
    const kept = req.part > 0 && req.etag ? this.rendered.peek(req.etag) : undefined;
    if (kept !== undefined) return this.part(await kept, req.part, { etag: req.etag!, lastModified: new Date(0).toISOString() });

    const { scope, filter, stamp } = await this.validate(req);
    const etag = `W/"${createHash('sha256')
      .update(JSON.stringify([scope.key, scope.name, req.publicUrl, stamp.count, stamp.scopeChangedAt, stamp.lastChanged.events]))
      .digest('hex')
      .slice(0, 32)}"`;
    const validators = { etag, lastModified: stamp.lastModified.toISOString() };

    if (req.part > 0 && req.etag !== etag) {
      throw new DomainError('feed_changed', 'Календарь изменился во время загрузки. Повторите запрос.', 409);
    }
    if (req.part === 0 && req.knownEtags.some((known) => opaque(known) === opaque(etag))) return { ...validators, unchanged: true };

    const body = await this.rendered.get(etag, () => this.render(scope, filter, req.publicUrl, stamp.scopeChangedAt));
    return this.part(body, req.part, validators);
  }

  /** Scope, query and validators: from memory while the change marker stays, else from the database. */
  private async validate(req: FeedRequest): Promise<Validated> {
    const compute = async () => {
      const scope = await this.scopes.resolve(req.scope, req.actor);
      const now = this.clock.now();
      const filter = { $and: [scope.filter, this.inFeeds(now)] };
      return { scope, filter, stamp: await this.stamp(scope, filter, now) };
    };
    const marker = await this.marker.current();
    if (!marker) return compute();
    const key = JSON.stringify([marker, req.scope, req.scope.kind === 'mine' ? req.actor.organizationId : null]);
    const kept = await this.validated.get(key, compute);
    if (kept.stamp.validUntil > this.clock.now().getTime()) return kept;
    this.validated.delete(key); // a cancelled event has left the feed since
    return this.validated.get(key, compute);
  }

  private part(body: Buffer, part: number, validators: { etag: string; lastModified: string }): Feed {
    const size = this.config.CALENDAR_FEED_PART_BYTES;
    const parts = Math.max(1, Math.ceil(body.length / size));
    if (part >= parts) throw new DomainError('feed_part_missing', 'Такой части календаря нет', 400);
    return { ...validators, unchanged: false, parts, data: body.subarray(part * size, (part + 1) * size).toString('base64') };
  }

  /**
   * Feeds show events that were approved: approved, at risk, held, and cancelled ones for a while
   * (STATUS:CANCELLED, so subscribed apps remove them). Proposals and rejections never appear.
   */
  private inFeeds(now: Date) {
    return {
      $or: [
        { status: { $in: ['approved', 'at_risk', 'held'] } },
        { status: 'cancelled', approvedAt: { $exists: true }, cancelledAt: { $gt: this.cancelledUntil(now) } },
      ],
    };
  }

  private cancelledUntil(now: Date): Date {
    return new Date(now.getTime() - this.config.CALENDAR_CANCELLED_IN_FEEDS_DAYS * DAY_MS);
  }

  /**
   * The etag follows this feed's own content: how many events it holds and which changed last
   * (the latest change time with every event changed at that time, and its version). A change is
   * written at "now", so it becomes or joins the latest; an event leaving the feed changes the
   * count (or brings in another, changed now). Last-Modified is conservative: the latest change
   * to any event or registration, or the moment a cancelled event left the feeds, so
   * If-Modified-Since never keeps an outdated copy.
   */
  private async stamp(scope: ResolvedScope, filter: object, now: Date) {
    const latest = (query: object, field: 'updatedAt' | 'cancelledAt') =>
      this.events
        .find(query as never, { [field]: 1 })
        .sort({ [field]: -1 })
        .limit(1)
        .lean<EventDoc[]>()
        .then(([doc]) => doc?.[field]);
    const [count, lastChanged, anyChangedAt, lastDropped, firstToDrop, registrationsChangedAt] = await Promise.all([
      this.events.countDocuments(filter as never),
      this.lastChanged(filter),
      latest({}, 'updatedAt'),
      latest({ status: 'cancelled', approvedAt: { $exists: true }, cancelledAt: { $lte: this.cancelledUntil(now) } }, 'cancelledAt'),
      this.events
        .find({ $and: [filter, { status: 'cancelled' }] } as never, { cancelledAt: 1 })
        .sort({ cancelledAt: 1 })
        .limit(1)
        .lean<EventDoc[]>()
        .then(([doc]) => doc?.cancelledAt),
      scope.registrationsOf ? this.readModels.registrationsChangedAt(scope.registrationsOf) : undefined,
    ]);
    const keep = this.config.CALENDAR_CANCELLED_IN_FEEDS_DAYS * DAY_MS;
    const dropped = lastDropped ? new Date(lastDropped.getTime() + keep) : undefined;
    const times = [anyChangedAt, dropped, registrationsChangedAt].filter((d): d is Date => !!d).map((d) => new Date(d).getTime());
    // HTTP dates have whole seconds: round up so a change within the same second still counts as later.
    const lastModified = new Date(Math.ceil(Math.max(0, ...times) / 1000) * 1000);
    return {
      count,
      lastChanged,
      scopeChangedAt: lastChanged.at ? new Date(lastChanged.at).toISOString() : null,
      lastModified,
      /** Until the first cancelled event in the feed leaves it, nothing changes by time alone. */
      validUntil: firstToDrop ? new Date(firstToDrop).getTime() + keep : Infinity,
    };
  }

  /** The latest change time in the feed and the events (id:version) changed at exactly that time. */
  private async lastChanged(filter: object): Promise<{ at?: Date; events: string[] }> {
    const LOOK = 50;
    let docs = await this.events
      .find(filter as never, { updatedAt: 1, version: 1 })
      .sort({ updatedAt: -1, _id: 1 })
      .limit(LOOK)
      .lean<EventDoc[]>();
    const at = docs[0]?.updatedAt;
    if (!at) return { events: [] };
    let ties = docs.filter((d) => new Date(d.updatedAt).getTime() === new Date(at).getTime());
    if (ties.length === LOOK) {
      docs = await this.events.find({ $and: [filter, { updatedAt: at }] } as never, { version: 1 }).lean<EventDoc[]>();
      ties = docs;
    }
    return { at, events: ties.map((d) => `${d._id.toHexString()}:${d.version}`).sort() };
  }

  private async render(scope: ResolvedScope, filter: object, publicUrl: string, scopeChangedAt: string | null): Promise<Buffer> {
    const docs = await this.events
      .find(filter as never, withoutOutbox)
      .sort({ start: 1 })
      .lean<EventDoc[]>();
    const ics = renderCalendar(docs.map(toEvent), {
      name: scope.name,
      publicUrl,
      refreshMinutes: this.config.CALENDAR_FEED_REFRESH_MINUTES,
      // DTSTAMP from the data, not the clock: one etag, one text, whichever instance renders it.
      now: scopeChangedAt ? new Date(scopeChangedAt) : new Date(0),
    });
    return gzipAsync(Buffer.from(ics, 'utf8'));
  }
}

/** Etags compare weakly: `W/"x"` and `"x"` are the same tag. */
function opaque(etag: string): string {
  return etag.trim().replace(/^W\//, '');
}
