import { Connection, Model, Schema, SchemaDefinition } from 'mongoose';

/**
 * Read models fed by other services' events: the latest snapshot of each user, organisation,
 * agreement, calendar event and registration, kept as the JSON the event carried (no casting),
 * plus the few fields the service queries by.
 */
export interface SnapshotDoc {
  _id: string;
  version: number;
  json: string;
}

export interface UserDoc extends SnapshotDoc {
  email: string;
  role: string;
  active: boolean;
}
export interface AgreementDoc extends SnapshotDoc {
  status: string;
  validTo: string;
}
export interface CalendarEventDoc extends SnapshotDoc {
  status: string;
  start: Date;
}
export interface RegistrationDoc extends SnapshotDoc {
  eventId: string;
  status: string;
}

function snapshotSchema<D extends SnapshotDoc>(fields: SchemaDefinition = {}) {
  return new Schema<D>({ _id: String, version: { type: Number, required: true }, json: { type: String, required: true }, ...fields } as SchemaDefinition<D>, {
    versionKey: false,
  });
}

const users = snapshotSchema<UserDoc>({ email: { type: String, index: true }, role: { type: String, index: true }, active: Boolean });
const organizations = snapshotSchema<SnapshotDoc>();
const agreements = snapshotSchema<AgreementDoc>({ status: String, validTo: String });
agreements.index({ status: 1, validTo: 1 });
const events = snapshotSchema<CalendarEventDoc>({ status: String, start: Date });
events.index({ status: 1, start: 1 });
const registrations = snapshotSchema<RegistrationDoc>({ eventId: { type: String, index: true }, status: String });

export interface ReadModels {
  users: Model<UserDoc>;
  organizations: Model<SnapshotDoc>;
  agreements: Model<AgreementDoc>;
  events: Model<CalendarEventDoc>;
  registrations: Model<RegistrationDoc>;
}

export const READ_MODELS = 'READ_MODELS';

export function readModels(conn: Connection): ReadModels {
  return {
    users: conn.model<UserDoc>('User', users, 'users'),
    organizations: conn.model<SnapshotDoc>('Organization', organizations, 'organizations'),
    agreements: conn.model<AgreementDoc>('Agreement', agreements, 'agreements'),
    events: conn.model<CalendarEventDoc>('CalendarEvent', events, 'events'),
    registrations: conn.model<RegistrationDoc>('Registration', registrations, 'registrations'),
  };
}

export function parse<T>(doc: SnapshotDoc): T {
  return JSON.parse(doc.json) as T;
}
