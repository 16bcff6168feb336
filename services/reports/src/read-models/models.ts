import { Connection, Model, Schema, SchemaDefinition } from 'mongoose';

/**
 * The reports' own copies of what the others announced: the latest snapshot of each organisation,
 * agreement, calendar event and registration (as the JSON the event carried), plus the fields the
 * documents and the monitoring report select and count by. Fed only by events (see read-models.handlers.ts).
 */
export interface SnapshotDoc {
  _id: string;
  version: number;
  json: string;
}
export interface OrganizationDoc extends SnapshotDoc {
  kind: string;
}
export interface AgreementDoc extends SnapshotDoc {
  status: string;
  number: string;
}
export interface EventDoc extends SnapshotDoc {
  status: string;
  start: Date;
  hostId: string;
  festivalId?: string;
}
/** Registrations are counted by the tens of thousands: the figures live in fields, no JSON to parse. */
export interface RegistrationDoc {
  _id: string;
  version: number;
  eventId: string;
  eventStart: Date;
  organizationId: string;
  organizationName: string;
  status: string;
  children: number;
  attended?: boolean;
  actualChildren?: number;
}
/** One event's confirmed registrations, summed (what the monitoring report counts of them). */
export interface RegistrationTotals {
  groups: number;
  children: number;
  groupsAttended: number;
  childrenAttended: number;
}
/** What the rollover created, so a second run (and its preview) knows it: key → the new id. */
export interface RolloverRecordDoc {
  _id: string;
  kind: 'agreement' | 'event';
  targetId: string;
  createdAt: Date;
}

function snapshotSchema<D extends SnapshotDoc>(fields: SchemaDefinition = {}) {
  return new Schema<D>({ _id: String, version: { type: Number, required: true }, json: { type: String, required: true }, ...fields } as SchemaDefinition<D>, {
    versionKey: false,
  });
}

export interface ReadModels {
  organizations: Model<OrganizationDoc>;
  agreements: Model<AgreementDoc>;
  events: Model<EventDoc>;
  registrations: Model<RegistrationDoc>;
  rollover: Model<RolloverRecordDoc>;
}

export const READ_MODELS = 'REPORTS_READ_MODELS';

export function readModels(conn: Connection): ReadModels {
  const registrations = new Schema<RegistrationDoc>(
    {
      _id: String,
      version: { type: Number, required: true },
      eventId: { type: String, index: true },
      eventStart: Date,
      organizationId: String,
      organizationName: String,
      status: String,
      children: Number,
      attended: Boolean,
      actualChildren: Number,
    },
    { versionKey: false },
  );
  const rollover = new Schema<RolloverRecordDoc>({ _id: String, kind: String, targetId: String, createdAt: Date }, { versionKey: false });
  return {
    organizations: conn.model<OrganizationDoc>('Organization', snapshotSchema<OrganizationDoc>({ kind: String }), 'organizations'),
    agreements: conn.model<AgreementDoc>('Agreement', snapshotSchema<AgreementDoc>({ status: String, number: { type: String, index: true } }), 'agreements'),
    events: conn.model<EventDoc>(
      'Event',
      snapshotSchema<EventDoc>({ status: String, start: Date, hostId: String, festivalId: { type: String, index: true } }),
      'events',
    ),
    registrations: conn.model<RegistrationDoc>('Registration', registrations, 'registrations'),
    rollover: conn.model<RolloverRecordDoc>('RolloverRecord', rollover, 'rollover_records'),
  };
}

export function parse<T>(doc: SnapshotDoc): T {
  return JSON.parse(doc.json) as T;
}
