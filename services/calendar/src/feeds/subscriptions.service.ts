import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Actor, DomainError, errors, FeedScope, Subscription, subscriptionEvents } from '@tochka/contracts';
import { appendToOutbox, createEvent, fingerprint, insertUnlessDuplicate, MessageBus, withDocumentLock, withoutOutbox } from '@tochka/messaging';
import { BUS, Clock, CLOCK } from '@tochka/runtime';
import { FeedScopes } from './feed-scopes';
import { FEED_TOKEN_KEY_MODEL, FeedTokenKeyModel, SUBSCRIPTION_MODEL, SubscriptionDoc, SubscriptionModel } from './subscription.model';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const active = { revokedAt: { $exists: false } };

/**
 * iCal subscriptions. The token (256 random bits) is told once, at creation; only its hash is
 * stored (as the id), so the database alone cannot open a feed. Unknown and revoked tokens look the same.
 *
 * Under an Idempotency-Key the token is HMAC(the calendar's secret, user + key) instead: a retry
 * derives the same token, hence the same id, collides on `_id` and is answered the same address;
 * the key itself is not stored, so the database still cannot open the feed without it.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    @Inject(SUBSCRIPTION_MODEL) private readonly subscriptions: SubscriptionModel,
    private readonly scopes: FeedScopes,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FEED_TOKEN_KEY_MODEL) private readonly keys: FeedTokenKeyModel,
    @Inject(BUS) private readonly bus: MessageBus,
  ) {}

  private secret?: Promise<string>;

  async create(actor: Actor, scope: FeedScope, idempotencyKey?: string): Promise<{ subscription: Subscription; token: string }> {
    const { name } = await this.scopes.resolve(scope, actor);
    if (!idempotencyKey) {
      const token = randomBytes(32).toString('base64url');
      const doc = { _id: hash(token), userId: actor.userId, scope, name, createdAt: this.clock.now() };
      await this.subscriptions.create(doc);
      return { subscription: toSubscription(doc), token };
    }
    const token = createHmac('sha256', await this.keyedSecret())
      .update(`${actor.userId}\0${idempotencyKey}`)
      .digest('base64url');
    const requestHash = fingerprint(scope);
    const doc = { _id: hash(token), userId: actor.userId, scope, name, createdAt: this.clock.now(), requestHash };
    if (await insertUnlessDuplicate(this.subscriptions.create(doc))) return { subscription: toSubscription(doc), token };
    const earlier = await this.subscriptions.findById(doc._id).lean();
    if (!earlier || earlier.requestHash !== requestHash) {
      throw new DomainError('idempotency_key_reused', 'Ключ Idempotency-Key уже использован для другого запроса. Для нового запроса нужен новый ключ.', 422);
    }
    return { subscription: toSubscription(earlier), token };
  }

  /** The secret of keyed tokens: made once (the first insert wins), then read. */
  private keyedSecret(): Promise<string> {
    this.secret ??= (async () => {
      await insertUnlessDuplicate(this.keys.create({ _id: 'idempotent-subscriptions', secret: randomBytes(32).toString('hex') }));
      const doc = await this.keys.findById('idempotent-subscriptions').lean();
      if (!doc) throw new Error('the feed token secret was neither written nor read');
      return doc.secret;
    })().catch((err: unknown) => {
      this.secret = undefined;
      throw err;
    });
    return this.secret;
  }

  async list(actor: Actor): Promise<{ items: Subscription[] }> {
    const docs = await this.subscriptions
      .find({ userId: actor.userId, ...active })
      .sort({ createdAt: 1 })
      .lean();
    return { items: docs.map(toSubscription) };
  }

  /**
   * Revoked with `subscription.revoked` in the same write (outbox), published before the answer:
   * every gateway hears it and forgets what it keeps for the address.
   */
  async revoke(actor: Actor, id: string): Promise<Subscription> {
    const revokedAt = this.clock.now();
    const event = createEvent(subscriptionEvents.revoked, { subscriptionId: id, userId: actor.userId, revokedAt: revokedAt.toISOString() });
    const doc = await withDocumentLock(this.subscriptions, id, () =>
      this.subscriptions.findOneAndUpdate({ _id: id, userId: actor.userId, ...active }, appendToOutbox([event], { $set: { revokedAt } })).lean(),
    );
    if (!doc) throw errors.notFound('Подписка не найдена');
    await this.bus.outbox.publishPending(this.subscriptions, id);
    return toSubscription(doc);
  }

  async resolve(token: string): Promise<{ id: string; userId: string; scope: FeedScope }> {
    const doc = await this.subscriptions.findById(hash(token), withoutOutbox).lean();
    if (!doc || doc.revokedAt) throw errors.notFound('Календарь не найден');
    return { id: doc._id, userId: doc.userId, scope: scopeOf(doc) };
  }
}

function scopeOf(doc: SubscriptionDoc): FeedScope {
  const { kind, organizationId, agreementId, festivalId } = doc.scope as { kind: string; organizationId: string; agreementId: string; festivalId: string };
  if (kind === 'organization') return { kind, organizationId };
  if (kind === 'agreement') return { kind, agreementId };
  if (kind === 'festival') return { kind, festivalId };
  return { kind: kind as 'plan' | 'mine' };
}

function toSubscription(doc: SubscriptionDoc): Subscription {
  return { id: doc._id, scope: scopeOf(doc), name: doc.name, createdAt: new Date(doc.createdAt).toISOString() };
}
