import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { calendarRpcs, DomainError, Feed } from '@tochka/contracts';
import { FeedRenderer, PrintedEvent } from '@tochka/ical';
import { Clock, CLOCK, CONFIG } from '@tochka/runtime';
import { CalendarConfig } from '../config';
import { EVENT_MODEL, EventDoc, EventModel } from '../events/event.model';
import { ReadModels } from '../read-models/read-models.service';
import { DAY_MS } from '../events/when';
import { FEED_STATUSES, FeedScopes, ResolvedScope } from './feed-scopes';
import { LruCache } from './lru-cache';

const gzipAsync = promisify(gzip);
type FeedRequest = z.output<typeof calendarRpcs.feed.request>;

/** What a feed prints, and what decides whether an event is in it: nothing else is read. */
const PRINTED = {
  title: 1,
  description: 1,
  kind: 1,
  direction: 1,
  host: 1,
  'venue.roomName': 1,
  'venue.address': 1,
  start: 1,
  end: 1,
  audience: 1,
  grades: 1,
  partners: 1,
  contact: 1,
  status: 1,
  cancellationReason: 1,
  cancelledAt: 1,
  atRiskReason: 1,
  registrationDeadline: 1,
  approvedAt: 1,
  updatedAt: 1,
  sequence: 1,
  version: 1,
} as const;

type Member = Pick<
  EventDoc,
  | '_id'
  | 'title'
  | 'description'
  | 'kind'
  | 'direction'
  | 'host'
  | 'venue'
  | 'start'
  | 'end'
  | 'audience'
  | 'grades'
  | 'partners'
  | 'contact'
  | 'status'
  | 'cancellationReason'
  | 'cancelledAt'
  | 'atRiskReason'
  | 'registrationDeadline'
  | 'approvedAt'
  | 'updatedAt'
  | 'sequence'
  | 'version'
>;

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
    @Inject(EVENT_MODEL) private readonly events: EventModel,
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
    const [found, anyChangedAt, registrationsChangedAt] = await Promise.all([
      Promise.all(scope.queries.map((query) => this.events.find(query as never, PRINTED).lean<Member[]>())),
      this.latestChange(),
      scope.registrationsOf ? this.readModels.registrationsChangedAt(scope.registrationsOf) : undefined,
    ]);
    const byId = new Map<string, Member>();
    for (const doc of found.flat()) byId.set(doc._id.toHexString(), doc);

    // Feeds show events that were approved: approved, at risk, held, and cancelled ones for a while
    // (STATUS:CANCELLED, so subscribed apps remove them). Proposals and rejections never appear.
    const members: Member[] = [];
    let validUntil = Infinity;
    let lastDropped = 0;
    for (const doc of byId.values()) {
      if (!(FEED_STATUSES as readonly string[]).includes(doc.status)) continue;
      if (doc.status === 'cancelled') {
        if (!doc.approvedAt) continue;
        const leaves = new Date(doc.cancelledAt ?? 0).getTime() + keep;
        if (leaves <= now) {
          lastDropped = Math.max(lastDropped, leaves);
          continue;
        }
        validUntil = Math.min(validUntil, leaves);
      }
      members.push(doc);
    }
    members.sort((a, b) => new Date(a.start).getTime() - new Date(b.start).getTime() || a._id.toHexString().localeCompare(b._id.toHexString()));

    const etag = `W/"${createHash('sha256')
      .update(
        JSON.stringify([
          scope.key,
          scope.name,
          req.publicUrl,
          this.config.CALENDAR_FEED_REFRESH_MINUTES,
          members.map((m) => `${m._id.toHexString()}:${m.version}`),
        ]),
      )
      .digest('hex')
      .slice(0, 32)}"`;
    // Last-Modified is conservative: the latest change to any event (also one that left this
    // feed) or registration of the owner, or the moment a cancelled event left; HTTP dates have
    // whole seconds, so round up: a change within the same second still counts as later.
    const times = [anyChangedAt, registrationsChangedAt, ...members.map((m) => m.updatedAt)].filter((d): d is Date => !!d).map((d) => new Date(d).getTime());
    const lastModified = new Date(Math.ceil(Math.max(0, lastDropped, ...times) / 1000) * 1000);
    return { scope, etag, lastModified, validUntil, events: members.map(printed) };
  }

  /** The latest change to any event: a single-field sort with a limit, served by the `updatedAt` index. */
  private async latestChange(): Promise<Date | undefined> {
    const [doc] = await this.events.find({}, { updatedAt: 1 }).sort({ updatedAt: -1 }).limit(1).lean<EventDoc[]>();
    return doc?.updatedAt;
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

/** The event as the feed prints it (no validation: these are the calendar's own documents). */
function printed(doc: Member): PrintedEvent {
  const iso = (d: Date | undefined) => (d ? new Date(d).toISOString() : undefined);
  return {
    id: doc._id.toHexString(),
    title: doc.title,
    description: doc.description ?? '',
    kind: doc.kind,
    direction: doc.direction,
    host: { organizationName: doc.host.organizationName },
    venue: { roomName: doc.venue.roomName, address: doc.venue.address },
    start: iso(doc.start)!,
    end: iso(doc.end)!,
    audience: doc.audience,
    ...(doc.grades ? { grades: doc.grades } : {}),
    partners: (doc.partners ?? []).map((p) => ({ organizationName: p.organizationName })),
    contact: doc.contact,
    status: doc.status,
    ...(doc.cancellationReason ? { cancellationReason: doc.cancellationReason } : {}),
    ...(doc.atRiskReason ? { atRiskReason: doc.atRiskReason } : {}),
    ...(doc.registrationDeadline ? { registrationDeadline: iso(doc.registrationDeadline) } : {}),
    updatedAt: iso(doc.updatedAt)!,
    sequence: doc.sequence,
    version: doc.version,
  };
}

/** Etags compare weakly: `W/"x"` and `"x"` are the same tag. */
function opaque(etag: string): string {
  return etag.trim().replace(/^W\//, '');
}
