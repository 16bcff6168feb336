import { Connection, Model, Schema } from 'mongoose';
import { outboxFields, StoredOutboxEvent } from '@tochka/messaging';
import { Entry, EventInfo } from './ledger';

/**
 * One change of an event's ledger, never updated afterwards (but for anonymising). `_id` is
 * `<eventId>:<version>`, so inserting version n+1 succeeds for exactly one writer: the insert is
 * the compare-and-set. It carries what changed (the event, the settings, the full snapshot of
 * every registration added or changed); the events announcing it wait, until published, in its
 * insert group's staged document (OutboxRelay.stageGroup), not in the commit.
 */
export interface CommitDoc {
  _id: string;
  eventId: string;
  version: number;
  /** The event as registrations know it, when this commit changed it (always in the first). */
  event?: EventInfo;
  /** Set when the limit changed; null when it was removed. */
  maxGroupsPerOrganization?: number | null;
  nextSeq: number;
  entries: Entry[];
  committedAt: Date;
  /** The insert group that wrote this commit with others (see LedgerStore): their events leave together. */
  batch?: string;
  /**
   * Only in commits written before events were staged by group: their events, drained by the
   * relay like any outbox (the schema keeps the fields and the pending flag's index for them).
   */
  outbox?: StoredOutboxEvent[];
  outboxPending?: boolean;
}

export const commitId = (eventId: string, version: number) => `${eventId}:${version}`;

const ref = new Schema({ organizationId: String, organizationName: String }, { _id: false });

const event = new Schema(
  {
    title: String,
    start: Date,
    end: Date,
    hostId: String,
    hostName: String,
    venueName: String,
    address: String,
    sequence: Number,
    status: String,
    partners: { type: [ref], default: [] },
    capacity: { type: new Schema({ seats: Number, groups: Number }, { _id: false }), required: false },
    registrationDeadline: Date,
    cancellationReason: String,
    version: Number,
  },
  { _id: false },
);

const entry = new Schema(
  {
    id: { type: String, required: true },
    seq: { type: Number, required: true },
    organizationId: { type: String, required: true },
    organizationName: String,
    groupName: String,
    groupKey: String,
    children: Number,
    ageBand: String,
    adults: { type: [new Schema({ name: String, phone: String }, { _id: false })], default: [] },
    contactEmail: String,
    notes: String,
    status: { type: String, required: true },
    waitlistPosition: Number,
    cancellationReason: String,
    attendance: { type: new Schema({ attended: Boolean, actualChildren: Number, recordedAt: Date }, { _id: false }), required: false },
    createdBy: { type: new Schema({ userId: String, organizationId: String }, { _id: false }) },
    createdAt: Date,
    updatedAt: Date,
    version: Number,
    idempotencyKey: String,
    requestHash: String,
    anonymizedAt: Date,
  },
  { _id: false },
);

const schema = new Schema<CommitDoc>(
  {
    _id: String,
    eventId: { type: String, required: true },
    version: { type: Number, required: true },
    event: { type: event, required: false },
    maxGroupsPerOrganization: { type: Number, required: false },
    nextSeq: { type: Number, required: true },
    entries: { type: [entry], default: [] },
    committedAt: { type: Date, required: true },
    batch: { type: String, index: true },
    ...outboxFields,
  },
  { versionKey: false },
);
schema.index({ eventId: 1, version: 1 }, { unique: true });

export type CommitModel = Model<CommitDoc>;
export const COMMIT_MODEL = 'COMMIT_MODEL';
export const commitModel = (conn: Connection): CommitModel => conn.model<CommitDoc>('LedgerCommit', schema, 'ledger_commits');
