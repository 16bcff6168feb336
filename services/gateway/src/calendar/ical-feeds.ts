import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Actor, calendarRpcs, DomainError, Feed, FeedScope, feedTokenSchema, naming } from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS, CONFIG, keepRecent } from '@tochka/runtime';
import { GatewayConfig } from '../config';
import { AccountChanges } from '../users/account-changes';
import { UsersService } from '../users/users.service';

const gunzipAsync = promisify(gunzip);

/** Client validators from the request headers. */
export interface Conditions {
  ifNoneMatch: string[];
  ifModifiedSince?: Date;
}

/** A feed's content as one etag names it: the same on every gateway. */
export interface FeedBody {
  etag: string;
  lastModified: Date;
  gzip: Buffer;
  /** The text itself, for clients that do not take gzip (unpacked once, not per request). */
  plain: Buffer;
}

export type FeedAnswer = { status: 304; etag: string; lastModified: Date } | ({ status: 200 } & FeedBody);

/** What a token opened, while nothing on the bus said otherwise. */
interface Remembered {
  generation: number;
  /** Local clock, ms: the backstop, or the moment a cancelled event leaves the feed. */
  until: number;
  body: FeedBody;
}

/** Distinct feeds (scope × owner's organisation) whose content is kept. */
const BODY_ENTRIES = 64;
/** Tokens whose answer is kept (each points to one of the bodies). */
const TOKEN_ENTRIES = 10_000;
/** Rendering a large feed the first time takes seconds (5,000 events: see the README's benchmark). */
const FEED_TIMEOUT_MS = 60_000;
const unknownFeed = () => new DomainError('not_found', 'Календарь не найден', 404);

/** Producers whose events the calendar applies to its read models: their acknowledgements move feeds too. */
const MIRRORED_BY_CALENDAR = ['agreements', 'registrations'] as const;

/**
 * The public side of iCal subscriptions. A token opens a feed only while its subscription is not
 * revoked and its owner's account is active; the feed shows what the owner may see now (their
 * current role and organisation). Unknown, revoked and orphaned tokens get the same 404.
 *
 * Answers are kept in memory by token and served without NATS or a database while nothing may
 * have changed: every gateway listens (core NATS, no consumer) to every event on the bus and to
 * the calendar's acknowledgements of the events it mirrors; any of them — a changed event, a
 * revoked subscription, an account switched off or moved, a registration applied — starts a new
 * generation, and what was kept under an older one is asked for again (the calendar answers
 * "unchanged" for the etag held, so the bytes stay). So are answers older than
 * GATEWAY_FEED_MEMORY_SECONDS (a message missed) and those past the moment a cancelled event
 * leaves their feed. While the connection is down or reconnecting nothing is kept.
 */
@Injectable()
export class IcalFeeds implements OnModuleInit, OnModuleDestroy {
  private readonly bodies = new Map<string, FeedBody>();
  private readonly remembered = new Map<string, Remembered>();
  private generation = 0;
  /** The bus subscriptions are in place: answers may be kept. */
  private listening = false;
  private subscriptions: ReturnType<MessageBus['nc']['subscribe']>[] = [];
  private stopListening?: () => void;

  constructor(
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(CONFIG) private readonly config: GatewayConfig,
    private readonly users: UsersService,
    private readonly accounts: AccountChanges,
  ) {}

  async onModuleInit(): Promise<void> {
    this.stopListening = this.accounts.listen(() => this.forget());
    if (this.config.GATEWAY_FEED_MEMORY_SECONDS === 0) return;
    const { nc, prefix } = this.bus;
    const bump = () => this.forget();
    const subjects = [
      naming.eventSubject(prefix, '>'),
      ...MIRRORED_BY_CALENDAR.flatMap((producer) => {
        const stream = naming.streamName(prefix, producer);
        const durable = naming.durableName('calendar');
        // Acknowledgement subjects without and with a JetStream domain and account.
        return [`$JS.ACK.${stream}.${durable}.>`, `$JS.ACK.*.*.${stream}.${durable}.>`];
      }),
    ];
    this.subscriptions = subjects.map((subject) => nc.subscribe(subject, { callback: bump }));
    void (async () => {
      for await (const status of nc.status()) {
        if (status.type === 'disconnect' || status.type === 'reconnecting') {
          this.listening = false;
          this.forget();
        } else if (status.type === 'reconnect') {
          void this.listen();
        }
      }
    })().catch(() => undefined);
    await this.listen();
  }

  onModuleDestroy(): void {
    this.stopListening?.();
    this.listening = false;
    for (const sub of this.subscriptions) sub.unsubscribe();
    this.subscriptions = [];
  }

  /** Once the server has our subscriptions (a round trip after them), kept answers are safe. */
  private async listen(): Promise<void> {
    try {
      await this.bus.nc.flush();
      this.forget();
      this.listening = !this.bus.nc.isClosed();
    } catch {
      this.listening = false;
    }
  }

  /** Everything kept is asked for again (bodies stay: the calendar says whether they still hold). */
  forget(): void {
    this.generation++;
    this.remembered.clear();
  }

  /** The feed a token opens, if held in memory and still current (no NATS, no database). */
  fromMemory(token: string): FeedBody | undefined {
    const kept = this.remembered.get(token);
    return kept && kept.generation === this.generation && Date.now() < kept.until ? kept.body : undefined;
  }

  async open(token: string, conditions: Conditions): Promise<FeedAnswer> {
    const kept = this.fromMemory(token);
    if (kept) return answer(kept, conditions);

    if (!feedTokenSchema.safeParse(token).success) throw unknownFeed();
    const generation = this.generation;
    const subscription = await this.bus.rpc.request(calendarRpcs.resolve, { token }).catch((err) => {
      throw err instanceof DomainError && err.status === 404 ? unknownFeed() : err;
    });
    const owner = await this.users.findActive(subscription.userId);
    if (!owner) throw unknownFeed();
    const actor: Actor = { userId: subscription.userId, role: owner.role, organizationId: owner.organizationId };
    const key = JSON.stringify([subscription.scope, subscription.scope.kind === 'mine' ? actor.organizationId : null]);
    const cached = this.bodies.get(key);

    let feed = await this.request(actor, subscription.scope, cached ? [cached.etag] : []);
    if (feed.unchanged && cached?.etag !== feed.etag) feed = await this.request(actor, subscription.scope, []);
    const body: FeedBody = feed.unchanged ? cached! : await this.assemble(actor, subscription.scope, feed);
    keepRecent(this.bodies, key, body, BODY_ENTRIES);

    const backstop = this.config.GATEWAY_FEED_MEMORY_SECONDS * 1000;
    if (this.listening && backstop > 0 && generation === this.generation) {
      const until = Math.min(Date.now() + backstop, feed.validUntil ? Date.parse(feed.validUntil) : Infinity);
      keepRecent(this.remembered, token, { generation, until, body }, TOKEN_ENTRIES);
    }
    return answer(body, conditions);
  }

  private request(actor: Actor, scope: FeedScope, knownEtags: string[], part = 0, etag?: string): Promise<Feed> {
    return this.bus.rpc.request(
      calendarRpcs.feed,
      { actor, scope, publicUrl: this.config.PUBLIC_URL, knownEtags, part, ...(etag ? { etag } : {}) },
      { timeoutMs: FEED_TIMEOUT_MS },
    );
  }

  /** The feed's parts, in order (a big feed does not fit one NATS message), and its text unpacked once. */
  private async assemble(actor: Actor, scope: FeedScope, first: Feed): Promise<FeedBody> {
    const parts = [Buffer.from(first.data!, 'base64')];
    for (let part = 1; part < first.parts!; part++) {
      const next = await this.request(actor, scope, [], part, first.etag);
      parts.push(Buffer.from(next.data!, 'base64'));
    }
    const gzip = Buffer.concat(parts);
    return { etag: first.etag, lastModified: new Date(first.lastModified), gzip, plain: await gunzipAsync(gzip) };
  }
}

export function answer(body: FeedBody, conditions: Conditions): FeedAnswer {
  if (notModified(body.etag, body.lastModified, conditions)) return { status: 304, etag: body.etag, lastModified: body.lastModified };
  return { status: 200, ...body };
}

/** RFC 9110: If-None-Match decides when present (weak comparison); otherwise If-Modified-Since. */
function notModified(etag: string, lastModified: Date, c: Conditions): boolean {
  if (c.ifNoneMatch.length) return c.ifNoneMatch.some((tag) => tag === '*' || opaque(tag) === opaque(etag));
  return !!c.ifModifiedSince && lastModified.getTime() <= c.ifModifiedSince.getTime();
}

function opaque(etag: string): string {
  return etag.trim().replace(/^W\//, '');
}
