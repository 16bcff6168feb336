import { Connection, Model, Schema } from 'mongoose';
import { Organization } from '@tochka/contracts';
import { CreatedWith, createdWithField, outboxFields, StoredOutboxEvent } from '@tochka/messaging';

/** The stored organisation: the contract's snapshot keyed by its code, with Dates and an outbox. */
export type OrganizationDoc = Omit<Organization, 'id' | 'createdAt' | 'updatedAt'> & {
  _id: string; // the organisation's code, e.g. 'sosh-5'
  createdAt: Date;
  updatedAt: Date;
  createdWith?: CreatedWith;
  outbox: StoredOutboxEvent[];
  outboxPending?: boolean;
};

const personSchema = new Schema({ name: String, position: String, email: String, phone: String }, { _id: false });
const roomSchema = new Schema({ key: String, name: String, capacity: Number }, { _id: false });
const centreSchema = new Schema({ profile: String, openedYear: Number }, { _id: false });

const schema = new Schema<OrganizationDoc>(
  {
    _id: String,
    kind: { type: String, required: true, index: true },
    fullName: { type: String, required: true },
    shortName: { type: String, required: true },
    settlement: { type: String, required: true },
    address: { type: String, required: true },
    centre: { type: centreSchema, required: false },
    head: { type: personSchema, required: true },
    rooms: { type: [roomSchema], default: [] },
    version: { type: Number, required: true },
    createdWith: createdWithField,
    ...outboxFields,
  },
  { timestamps: true, versionKey: false },
);

export type OrganizationModel = Model<OrganizationDoc>;
export const ORGANIZATION_MODEL = 'ORGANIZATION_MODEL';
export const organizationModel = (conn: Connection): OrganizationModel => conn.model<OrganizationDoc>('Organization', schema, 'organizations');
