import { Connection, Model, Schema } from 'mongoose';
import { FeedScope } from '@tochka/contracts';
import { OutboxDoc, outboxFields } from '@tochka/messaging';

/**
 * An iCal subscription: its secret token is kept only as its SHA-256 hash, which is also the
 * subscription's id (a lookup by `_id` is the one query every server answers from its index).
 * Its outbox carries `subscription.revoked`, which tells every gateway to forget the feed.
 */
export interface SubscriptionDoc extends Partial<OutboxDoc> {
  _id: string;
  userId: string;
  scope: FeedScope;
  name: string;
  createdAt: Date;
  revokedAt?: Date;
  /** Created under an Idempotency-Key: the request's fingerprint (the key itself is not kept). */
  requestHash?: string;
}

const schema = new Schema<SubscriptionDoc>(
  {
    _id: String,
    userId: { type: String, required: true, index: true },
    scope: {
      type: new Schema({ kind: String, organizationId: String, agreementId: String, festivalId: String }, { _id: false }),
      required: true,
    },
    name: { type: String, required: true },
    createdAt: { type: Date, required: true },
    revokedAt: Date,
    requestHash: String,
    ...outboxFields,
  },
  { versionKey: false },
);

export type SubscriptionModel = Model<SubscriptionDoc>;
export const SUBSCRIPTION_MODEL = 'SUBSCRIPTION_MODEL';
export const subscriptionModel = (conn: Connection): SubscriptionModel => conn.model<SubscriptionDoc>('Subscription', schema, 'subscriptions');

/**
 * The calendar's own random secret for subscriptions created under an Idempotency-Key: their
 * token is HMAC(secret, user + key), so a retry is told the same address. One document, made by
 * whichever instance needs it first.
 */
export interface FeedTokenKeyDoc {
  _id: string;
  secret: string;
}
export type FeedTokenKeyModel = Model<FeedTokenKeyDoc>;
export const FEED_TOKEN_KEY_MODEL = 'FEED_TOKEN_KEY_MODEL';
export const feedTokenKeyModel = (conn: Connection): FeedTokenKeyModel =>
  conn.model<FeedTokenKeyDoc>(
    'FeedTokenKey',
    new Schema<FeedTokenKeyDoc>({ _id: String, secret: { type: String, required: true } }, { versionKey: false }),
    'feed_token_keys',
  );
