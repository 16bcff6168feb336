import { Connection, Model, Schema, Types } from 'mongoose';
import { CalendarEvent } from '@tochka/contracts';
import { CreatedWith, createdWithField, outboxFields, StoredOutboxEvent } from '@tochka/messaging';

type Instants = 'start' | 'end' | 'registrationDeadline' | 'cancelledAt' | 'createdAt' | 'updatedAt';

/** The stored event: the contract's snapshot with Dates, plus what only the calendar needs. */
export type EventDoc = Omit<CalendarEvent, 'id' | Instants> & {
  _id: Types.ObjectId;
  start: Date;
  end: Date;
  registrationDeadline?: Date;
  cancelledAt?: Date;
  createdAt: Date;
  updatedAt: Date;
  /** The deadline was not given: it follows the start (24 h before) when the event moves. */
  deadlineIsDefault: boolean;
  /** When it was first approved: only events that were ever approved appear in feeds (also when cancelled). */
  approvedAt?: Date;
  /** Proposed under an Idempotency-Key: whose, and the request's fingerprint. */
  createdWith?: CreatedWith;
  /** The Moscow months (`YYYY-MM`) the event touches: the buckets of month listings (month-buckets.ts). */
  months: string[];
  outbox: StoredOutboxEvent[];
  outboxPending?: boolean;
};

const ref = new Schema({ organizationId: String, organizationName: String }, { _id: false });

const schema = new Schema<EventDoc>(
  {
    title: { type: String, required: true },
    description: { type: String, default: '' },
    kind: { type: String, required: true },
    direction: { type: String, required: true },
    host: { type: ref, required: true },
    venue: { type: new Schema({ roomKey: String, roomName: String, roomCapacity: Number, address: String }, { _id: false }), required: true },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    audience: { type: [String], required: true },
    grades: String,
    partners: { type: [ref], default: [] },
    agreementId: String,
    capacity: { type: new Schema({ seats: Number, groups: Number }, { _id: false }), required: false },
    registrationDeadline: Date,
    deadlineIsDefault: { type: Boolean, default: false },
    festivalId: String,
    contact: { type: new Schema({ name: String, email: String, phone: String }, { _id: false }), required: true },
    status: { type: String, required: true },
    approvalComment: String,
    rejectionReason: String,
    cancellationReason: String,
    cancelledAt: Date,
    atRiskReason: String,
    report: { type: new Schema({ participants: Number, notes: String }, { _id: false }), required: false },
    proposedBy: { type: new Schema({ userId: String, organizationId: String }, { _id: false }), required: true },
    approvedAt: Date,
    months: { type: [String], default: undefined },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    sequence: { type: Number, required: true },
    version: { type: Number, required: true },
    createdWith: createdWithField,
    ...outboxFields,
  },
  { versionKey: false },
);
schema.index({ status: 1, start: 1 });
schema.index({ 'host.organizationId': 1, start: 1 });
schema.index({ 'partners.organizationId': 1, start: 1 });
schema.index({ agreementId: 1, status: 1 });
schema.index({ festivalId: 1, start: 1 });
schema.index({ updatedAt: -1 });
schema.index({ status: 1, cancelledAt: -1 });
schema.index({ months: 1 });

export type EventModel = Model<EventDoc>;
export const EVENT_MODEL = 'EVENT_MODEL';
export const eventModel = (conn: Connection): EventModel => conn.model<EventDoc>('Event', schema, 'events');
