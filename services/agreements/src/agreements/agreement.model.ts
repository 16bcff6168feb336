import { Connection, Model, Schema, Types } from 'mongoose';
import { AgreementStatus, Direction, OrganizationKind, Person } from '@tochka/contracts';
import { CreatedWith, createdWithField, outboxFields, StoredOutboxEvent } from '@tochka/messaging';

export interface AgreementDoc {
  _id: Types.ObjectId;
  number: string;
  title: string;
  parties: { organizationId: string; organizationName: string; organizationKind: OrganizationKind; responsible: Person }[];
  directions: Direction[];
  validFrom: string; // calendar dates, Europe/Moscow
  validTo: string;
  notes?: string;
  previousAgreementId?: string;
  status: AgreementStatus;
  signatures: { organizationId: string; userId: string; signedAt: Date }[];
  createdBy: { userId: string; organizationId: string };
  createdAt: Date;
  proposedAt?: Date;
  activatedAt?: Date;
  expiredAt?: Date;
  terminatedAt?: Date;
  terminatedOn?: string;
  terminationReason?: string;
  withdrawnAt?: Date;
  withdrawalReason?: string;
  /** When `agreement.expiring` went out: at most once per agreement. */
  expiringNotifiedAt?: Date;
  /** Created under an Idempotency-Key: whose, and the request's fingerprint. */
  createdWith?: CreatedWith;
  version: number;
  outbox: StoredOutboxEvent[];
  outboxPending?: boolean;
}

const person = new Schema({ name: String, position: String, email: String, phone: String }, { _id: false });
const party = new Schema({ organizationId: String, organizationName: String, organizationKind: String, responsible: person }, { _id: false });
const signature = new Schema({ organizationId: String, userId: String, signedAt: Date }, { _id: false });

const schema = new Schema<AgreementDoc>(
  {
    number: { type: String, required: true, unique: true },
    title: { type: String, required: true },
    parties: { type: [party], required: true },
    directions: { type: [String], required: true },
    validFrom: { type: String, required: true },
    validTo: { type: String, required: true },
    notes: String,
    previousAgreementId: String,
    status: { type: String, required: true },
    signatures: { type: [signature], default: [] },
    createdBy: { type: new Schema({ userId: String, organizationId: String }, { _id: false }), required: true },
    createdAt: { type: Date, required: true },
    proposedAt: Date,
    activatedAt: Date,
    expiredAt: Date,
    terminatedAt: Date,
    terminatedOn: String,
    terminationReason: String,
    withdrawnAt: Date,
    withdrawalReason: String,
    expiringNotifiedAt: Date,
    createdWith: createdWithField,
    version: { type: Number, required: true },
    ...outboxFields,
  },
  { versionKey: false },
);
schema.index({ 'parties.organizationId': 1 });
schema.index({ status: 1, validTo: 1 });

export type AgreementModel = Model<AgreementDoc>;
export const AGREEMENT_MODEL = 'AGREEMENT_MODEL';
export const agreementModel = (conn: Connection): AgreementModel => conn.model<AgreementDoc>('Agreement', schema, 'agreements');
