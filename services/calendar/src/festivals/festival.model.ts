import { Connection, Model, Schema, Types } from 'mongoose';
import { Festival } from '@tochka/contracts';

export type FestivalDoc = Omit<Festival, 'id' | 'createdAt'> & { _id: Types.ObjectId; createdAt: Date };

const schema = new Schema<FestivalDoc>(
  {
    name: { type: String, required: true },
    startDate: { type: String, required: true },
    endDate: { type: String, required: true },
    description: { type: String, default: '' },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ startDate: -1 });

export type FestivalModel = Model<FestivalDoc>;
export const FESTIVAL_MODEL = 'FESTIVAL_MODEL';
export const festivalModel = (conn: Connection): FestivalModel => conn.model<FestivalDoc>('Festival', schema, 'festivals');

export function toFestival(doc: FestivalDoc): Festival {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    startDate: doc.startDate,
    endDate: doc.endDate,
    description: doc.description ?? '',
    createdAt: new Date(doc.createdAt).toISOString(),
  };
}
