import { Connection, Model, Schema } from 'mongoose';
import { Organization } from '@tochka/contracts';

/** What the calendar knows of an organisation (from `organization.*` events): names, address, head, rooms. */
export type KnownOrganization = Pick<Organization, 'shortName' | 'fullName' | 'kind' | 'settlement' | 'address' | 'head' | 'rooms' | 'version'> & {
  _id: string;
};

const schema = new Schema<KnownOrganization>(
  {
    _id: String,
    shortName: { type: String, required: true },
    fullName: { type: String, required: true },
    kind: { type: String, required: true },
    settlement: { type: String, required: true },
    address: { type: String, required: true },
    head: { type: new Schema({ name: String, position: String, email: String, phone: String }, { _id: false }), required: true },
    rooms: { type: [new Schema({ key: String, name: String, capacity: Number }, { _id: false })], default: [] },
    version: { type: Number, required: true },
  },
  { versionKey: false },
);

export type KnownOrganizationModel = Model<KnownOrganization>;
export const KNOWN_ORGANIZATION_MODEL = 'KNOWN_ORGANIZATION_MODEL';
export const knownOrganizationModel = (conn: Connection): KnownOrganizationModel => conn.model<KnownOrganization>('KnownOrganization', schema, 'organizations');
