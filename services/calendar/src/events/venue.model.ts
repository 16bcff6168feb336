import { Connection, Model, Schema } from 'mongoose';

/**
 * A host room's bookings, as an append-only series of states: state n+1 is a new document with
 * `_id` `<room>#<n+1>`, so of two writers that read state n exactly one can write the next.
 * (A version-guarded update would do on MongoDB; FerretDB 1.24 loses concurrent conditional
 * updates, while a unique `_id` holds on both.) States are small and few per room (one per
 * booking), so they are kept: the series has no gaps.
 */
export interface VenueStateDoc {
  _id: string; // `${room}#${seq}`
  /** `${hostId}:${roomKey}` */
  room: string;
  seq: number;
  bookings: VenueBooking[];
  writtenAt: Date;
}

export interface VenueBooking {
  eventId: string;
  start: Date;
  end: Date;
  /** The event's version once the change that booked is written; before that the booking is in progress. */
  eventVersion: number;
}

const schema = new Schema<VenueStateDoc>(
  {
    _id: String,
    room: { type: String, required: true },
    seq: { type: Number, required: true },
    bookings: { type: [new Schema({ eventId: String, start: Date, end: Date, eventVersion: Number }, { _id: false })], default: [] },
    writtenAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ room: 1, seq: -1 });

export type VenueModel = Model<VenueStateDoc>;
export const VENUE_MODEL = 'VENUE_MODEL';
export const venueModel = (conn: Connection): VenueModel => conn.model<VenueStateDoc>('VenueState', schema, 'venue_states');
