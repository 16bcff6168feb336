import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Actor, FeedScope, Subscription } from '@tochka/contracts';
import { notFound } from '../not-found';
import { Clock, CLOCK } from '@tochka/runtime';
import { FeedScopes } from './feed-scopes';
import { SUBSCRIPTION_MODEL, SubscriptionDoc, SubscriptionModel } from './subscription.model';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const active = { revokedAt: { $exists: false } };

/**
 * iCal subscriptions. The token (256 random bits) is told once, at creation; only its hash is
 * stored (as the id), so the database alone cannot open a feed. Unknown and revoked tokens look the same.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    @Inject(SUBSCRIPTION_MODEL) private readonly subscriptions: SubscriptionModel,
    private readonly scopes: FeedScopes,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(actor: Actor, scope: FeedScope): Promise<{ subscription: Subscription; token: string }> {
    const { name } = await this.scopes.resolve(scope, actor);
    const token = randomBytes(32).toString('base64url');
    const doc = { _id: hash(token), userId: actor.userId, scope, name, createdAt: this.clock.now() };
    await this.subscriptions.create(doc);
    return { subscription: toSubscription(doc), token };
  }

  async list(actor: Actor): Promise<{ items: Subscription[] }> {
    const docs = await this.subscriptions
      .find({ userId: actor.userId, ...active })
      .sort({ createdAt: 1 })
      .lean();
    return { items: docs.map(toSubscription) };
  }

  async revoke(actor: Actor, id: string): Promise<Subscription> {
    const doc = await this.subscriptions.findOneAndUpdate({ _id: id, userId: actor.userId, ...active }, { $set: { revokedAt: this.clock.now() } }).lean();
    if (!doc) throw notFound('Подписка не найдена');
    return toSubscription(doc);
  }

  async resolve(token: string): Promise<{ id: string; userId: string; scope: FeedScope }> {
    const doc = await this.subscriptions.findById(hash(token)).lean();
    if (!doc || doc.revokedAt) throw notFound('Календарь не найден');
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
