import { Connection, Model, Schema } from 'mongoose';

/**
 * Who writes an event's next version: `_id` `<eventId>:<version>`, inserted before the event's
 * version-guarded update. Only one insert of an `_id` succeeds on MongoDB and FerretDB alike,
 * whereas FerretDB 1.24 lets two concurrent conditional updates of one document both succeed.
 */
export interface EventClaimDoc {
  _id: string;
  claimedAt: Date;
}

const schema = new Schema<EventClaimDoc>({ _id: String, claimedAt: { type: Date, required: true } }, { versionKey: false });

export type EventClaimModel = Model<EventClaimDoc>;
export const EVENT_CLAIM_MODEL = 'EVENT_CLAIM_MODEL';
export const eventClaimModel = (conn: Connection): EventClaimModel => conn.model<EventClaimDoc>('EventClaim', schema, 'event_claims');
