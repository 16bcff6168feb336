import { Connection, Model, Schema } from 'mongoose';
import { RegistrationStatus } from '@tochka/contracts';

/** Which organisation registered groups for which event (from `registration.*` events): the "mine" feed. */
export interface KnownRegistration {
  _id: string;
  eventId: string;
  organizationId: string;
  status: RegistrationStatus;
  version: number;
  updatedAt: Date;
}

const schema = new Schema<KnownRegistration>(
  {
    _id: String,
    eventId: { type: String, required: true },
    organizationId: { type: String, required: true },
    status: { type: String, required: true },
    version: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ organizationId: 1, status: 1 });
schema.index({ updatedAt: -1 });

export type KnownRegistrationModel = Model<KnownRegistration>;
export const KNOWN_REGISTRATION_MODEL = 'KNOWN_REGISTRATION_MODEL';
export const knownRegistrationModel = (conn: Connection): KnownRegistrationModel => conn.model<KnownRegistration>('KnownRegistration', schema, 'registrations');
