import { Inject, Injectable } from '@nestjs/common';
import { Actor, calendarRpcs, DomainError, Feed, FeedScope, feedTokenSchema } from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS, CONFIG } from '@tochka/runtime';
import { GatewayConfig } from '../config';
import { UsersService } from '../users/users.service';

/** Client validators from the request headers. */
export interface Conditions {
  ifNoneMatch: string[];
  ifModifiedSince?: Date;
}

export type FeedAnswer = { status: 304; etag: string; lastModified: Date } | { status: 200; etag: string; lastModified: Date; gzip: Buffer };

const CACHE_ENTRIES = 64;
/** Rendering a large feed the first time takes seconds (5,000 events: see the README's benchmark). */
const FEED_TIMEOUT_MS = 60_000;
const unknownFeed = () => new DomainError('not_found', 'Календарь не найден', 404);

/**
 * The public side of iCal subscriptions. A token opens a feed only while its subscription is not
 * revoked and its owner's account is active; the feed shows what the owner may see now (their
 * current role and organisation). Unknown, revoked and orphaned tokens get the same 404.
 * Rendered feeds (gzip) are kept here by feed and etag, so an unchanged feed crosses NATS once.
 */
@Injectable()
export class IcalFeeds {
  private readonly cache = new Map<string, { etag: string; gzip: Buffer }>();

  constructor(
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(CONFIG) private readonly config: GatewayConfig,
    private readonly users: UsersService,
  ) {}

  async open(token: string, conditions: Conditions): Promise<FeedAnswer> {
    if (!feedTokenSchema.safeParse(token).success) throw unknownFeed();
    const subscription = await this.bus.rpc.request(calendarRpcs.resolve, { token }).catch((err) => {
      throw err instanceof DomainError && err.status === 404 ? unknownFeed() : err;
    });
    const owner = await this.users.findActive(subscription.userId);
    if (!owner) throw unknownFeed();
    const actor: Actor = { userId: subscription.userId, role: owner.role, organizationId: owner.organizationId };
    const key = JSON.stringify([subscription.scope, subscription.scope.kind === 'mine' ? actor.organizationId : null]);
    const cached = this.cache.get(key);

    let feed = await this.request(actor, subscription.scope, [...conditions.ifNoneMatch, ...(cached ? [cached.etag] : [])]);
    const lastModified = new Date(feed.lastModified);
    if (notModified(feed.etag, lastModified, conditions)) return { status: 304, etag: feed.etag, lastModified };
    if (feed.unchanged && cached?.etag !== feed.etag) feed = await this.request(actor, subscription.scope, []);
    const gzip = feed.unchanged ? cached!.gzip : await this.assemble(actor, subscription.scope, feed);
    this.remember(key, { etag: feed.etag, gzip });
    return { status: 200, etag: feed.etag, lastModified, gzip };
  }

  private request(actor: Actor, scope: FeedScope, knownEtags: string[], part = 0, etag?: string): Promise<Feed> {
    return this.bus.rpc.request(
      calendarRpcs.feed,
      { actor, scope, publicUrl: this.config.PUBLIC_URL, knownEtags: knownEtags.slice(0, 20), part, ...(etag ? { etag } : {}) },
      { timeoutMs: FEED_TIMEOUT_MS },
    );
  }

  /** The feed's parts, in order (a big feed does not fit one NATS message). */
  private async assemble(actor: Actor, scope: FeedScope, first: Feed): Promise<Buffer> {
    const parts = [Buffer.from(first.data!, 'base64')];
    for (let part = 1; part < first.parts!; part++) {
      const next = await this.request(actor, scope, [], part, first.etag);
      parts.push(Buffer.from(next.data!, 'base64'));
    }
    return Buffer.concat(parts);
  }

  private remember(key: string, entry: { etag: string; gzip: Buffer }): void {
    this.cache.delete(key);
    this.cache.set(key, entry);
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
  }
}

/** RFC 9110: If-None-Match decides when present (weak comparison); otherwise If-Modified-Since. */
function notModified(etag: string, lastModified: Date, c: Conditions): boolean {
  if (c.ifNoneMatch.length) return c.ifNoneMatch.some((tag) => tag === '*' || opaque(tag) === opaque(etag));
  return !!c.ifModifiedSince && lastModified.getTime() <= c.ifModifiedSince.getTime();
}

function opaque(etag: string): string {
  return etag.trim().replace(/^W\//, '');
}
