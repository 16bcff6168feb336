import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { CalendarEvent, calendarEvents, eventEnvelopeSchema, naming, tolerant } from '@tochka/contracts';
import { PrintedEvent } from '@tochka/ical';
import { MessageBus } from '@tochka/messaging';
import { BUS, CONFIG } from '@tochka/runtime';
import { CalendarConfig } from '../config';
import { EVENT_MODEL, EventDoc, EventModel } from '../events/event.model';
import { FEED_STATUSES } from './feed-scopes';

/** What feeds print (PrintedEvent) and select by, of one event. */
export type IndexedEvent = Omit<PrintedEvent, 'host' | 'partners'> &
  Pick<CalendarEvent, 'host' | 'partners' | 'agreementId' | 'festivalId' | 'cancelledAt'> & { approved: boolean };

/** The fields read from the database: what feeds print and select by. */
const FIELDS = {
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
  agreementId: 1,
  festivalId: 1,
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

const SNAPSHOT_EVENTS = new Set<string>(Object.values(calendarEvents).map((c) => c.name));
const withEvent = tolerant(eventEnvelopeSchema);

/**
 * Every event a feed may show, in memory, kept current from the bus rather than the database:
 * loaded once (one equality query per feed status), then each calendar event published — by this
 * instance or another — carries the event's whole snapshot, and replaces the entry if its version
 * is newer. A publish reaches this instance before any request that followed it (one connection,
 * in order), so a feed read right after a change sees it. When the connection drops or
 * reconnects, or after CALENDAR_FEED_INDEX_SECONDS, the index is read again from the database
 * (a missed message cannot stay missed). Also the latest change to any event (Last-Modified).
 */
@Injectable()
export class FeedIndex implements OnModuleDestroy {
  private events = new Map<string, IndexedEvent>();
  private latestChange = 0;
  private loading?: Promise<void>;
  private loadedAt = 0;
  private subscription?: ReturnType<MessageBus['nc']['subscribe']>;

  constructor(
    @Inject(EVENT_MODEL) private readonly model: EventModel,
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(CONFIG) private readonly config: CalendarConfig,
  ) {}

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  /** The events feeds may show, and the latest change to any event (ms). */
  async current(): Promise<{ events: Iterable<IndexedEvent>; latestChange: number }> {
    if (Date.now() - this.loadedAt > this.config.CALENDAR_FEED_INDEX_SECONDS * 1000) this.loading = undefined;
    this.loading ??= this.load().catch((err: unknown) => {
      this.loading = undefined;
      throw err;
    });
    await this.loading;
    return { events: this.events.values(), latestChange: this.latestChange };
  }

  private async load(): Promise<void> {
    this.listen();
    const fresh = new Map<string, IndexedEvent>();
    const started = Date.now();
    // Messages that arrive while the database is read go to the fresh index too.
    this.events = fresh;
    const found = await Promise.all(FEED_STATUSES.map((status) => this.model.find({ status }, FIELDS).lean<EventDoc[]>()));
    for (const doc of found.flat()) this.put(fromDoc(doc));
    const [latest] = await this.model.find({}, { updatedAt: 1 }).sort({ updatedAt: -1 }).limit(1).lean<EventDoc[]>();
    if (latest) this.latestChange = Math.max(this.latestChange, new Date(latest.updatedAt).getTime());
    this.loadedAt = started;
  }

  private listen(): void {
    if (this.subscription) return;
    const { nc, prefix } = this.bus;
    this.subscription = nc.subscribe(naming.eventSubject(prefix, 'event.>'), {
      callback: (err, msg) => {
        if (err) return;
        try {
          const envelope = withEvent.parse(JSON.parse(msg.string()));
          if (!SNAPSHOT_EVENTS.has(envelope.type)) return;
          const event = (envelope.data as { event?: CalendarEvent }).event;
          if (event?.id && event.version) this.put(fromEvent(event));
        } catch {
          // not a snapshot this version understands: the periodic reload covers it
        }
      },
    });
    void (async () => {
      for await (const status of nc.status()) {
        if (status.type === 'disconnect' || status.type === 'reconnect' || status.type === 'reconnecting') this.loading = undefined;
      }
    })().catch(() => undefined);
  }

  private put(event: IndexedEvent): void {
    this.latestChange = Math.max(this.latestChange, Date.parse(event.updatedAt));
    const known = this.events.get(event.id);
    if (known && known.version >= event.version) return;
    // Cancelled after being in feeds (approved, at risk, held): it stays a while. A proposal
    // cancelled before approval was never indexed, so it never appears.
    if (known?.approved) event.approved = true;
    if (!(FEED_STATUSES as readonly string[]).includes(event.status)) {
      this.events.delete(event.id);
      return;
    }
    this.events.set(event.id, event);
  }
}

const iso = (d: Date | string | undefined) => (d ? new Date(d).toISOString() : undefined);

function fromDoc(doc: EventDoc): IndexedEvent {
  return compact({
    id: doc._id.toHexString(),
    title: doc.title,
    description: doc.description ?? '',
    kind: doc.kind,
    direction: doc.direction,
    host: { organizationId: doc.host.organizationId, organizationName: doc.host.organizationName },
    venue: { roomName: doc.venue.roomName, address: doc.venue.address },
    start: iso(doc.start)!,
    end: iso(doc.end)!,
    audience: doc.audience,
    grades: doc.grades,
    partners: (doc.partners ?? []).map((p) => ({ organizationId: p.organizationId, organizationName: p.organizationName })),
    agreementId: doc.agreementId,
    festivalId: doc.festivalId,
    contact: doc.contact,
    status: doc.status,
    cancellationReason: doc.cancellationReason,
    cancelledAt: iso(doc.cancelledAt),
    atRiskReason: doc.atRiskReason,
    registrationDeadline: iso(doc.registrationDeadline),
    updatedAt: iso(doc.updatedAt)!,
    sequence: doc.sequence,
    version: doc.version,
    approved: !!doc.approvedAt,
  });
}

/** From a published snapshot (which does not tell whether a cancelled event was ever approved: `put` knows). */
function fromEvent(event: CalendarEvent): IndexedEvent {
  return compact({
    id: event.id,
    title: event.title,
    description: event.description,
    kind: event.kind,
    direction: event.direction,
    host: event.host,
    venue: { roomName: event.venue.roomName, address: event.venue.address },
    start: event.start,
    end: event.end,
    audience: event.audience,
    grades: event.grades,
    partners: event.partners,
    agreementId: event.agreementId,
    festivalId: event.festivalId,
    contact: event.contact,
    status: event.status,
    cancellationReason: event.cancellationReason,
    cancelledAt: event.cancelledAt,
    atRiskReason: event.atRiskReason,
    registrationDeadline: event.registrationDeadline,
    updatedAt: event.updatedAt,
    sequence: event.sequence,
    version: event.version,
    approved: event.status !== 'cancelled',
  });
}

function compact<T extends object>(value: T): T {
  for (const [key, v] of Object.entries(value)) if (v === undefined || v === null) delete (value as Record<string, unknown>)[key];
  return value;
}
