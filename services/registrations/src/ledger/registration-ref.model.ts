import { Connection, Model, Schema } from 'mongoose';

/**
 * Where a registration lives: its event, its organisation. Written before the commit that
 * creates the registration (a lost commit leaves a reference to nothing, which reads as 404).
 */
export interface RegistrationRefDoc {
  _id: string; // the registration's id
  eventId: string;
  organizationId: string;
}

const schema = new Schema<RegistrationRefDoc>(
  {
    _id: String,
    eventId: { type: String, required: true },
    organizationId: { type: String, required: true, index: true },
  },
  { versionKey: false },
);

export type RegistrationRefModel = Model<RegistrationRefDoc>;
export const REGISTRATION_REF_MODEL = 'REGISTRATION_REF_MODEL';
export const registrationRefModel = (conn: Connection): RegistrationRefModel => conn.model<RegistrationRefDoc>('RegistrationRef', schema, 'registration_refs');
