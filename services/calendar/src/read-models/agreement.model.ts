import { Connection, Model, Schema } from 'mongoose';
import { Agreement } from '@tochka/contracts';

/** What the calendar knows of an agreement (latest snapshot from `agreement.*` events): enough for the rule. */
export type KnownAgreement = Pick<Agreement, 'number' | 'status' | 'validFrom' | 'validTo' | 'terminatedOn' | 'terminationReason' | 'version'> & {
  _id: string;
  partyIds: string[];
};

const schema = new Schema<KnownAgreement>(
  {
    _id: String,
    number: { type: String, required: true },
    partyIds: { type: [String], required: true },
    status: { type: String, required: true },
    validFrom: { type: String, required: true },
    validTo: { type: String, required: true },
    terminatedOn: String,
    terminationReason: String,
    version: { type: Number, required: true },
  },
  { versionKey: false },
);

export type KnownAgreementModel = Model<KnownAgreement>;
export const KNOWN_AGREEMENT_MODEL = 'KNOWN_AGREEMENT_MODEL';
export const knownAgreementModel = (conn: Connection): KnownAgreementModel => conn.model<KnownAgreement>('KnownAgreement', schema, 'agreements');
