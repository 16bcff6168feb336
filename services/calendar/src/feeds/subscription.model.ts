import { Connection, Model, Schema } from 'mongoose';
import { FeedScope } from '@tochka/contracts';

/**
 * An iCal subscription: its secret token is kept only as its SHA-256 hash, which is also the
 * subscription's id (a lookup by `_id` is the one query every server answers from its index).
 */
export interface SubscriptionDoc {
  _id: string;
  userId: string;
  scope: FeedScope;
  name: string;
  createdAt: Date;
  revokedAt?: Date;
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
  },
  { versionKey: false },
);

export type SubscriptionModel = Model<SubscriptionDoc>;
export const SUBSCRIPTION_MODEL = 'SUBSCRIPTION_MODEL';
export const subscriptionModel = (conn: Connection): SubscriptionModel => conn.model<SubscriptionDoc>('Subscription', schema, 'subscriptions');
