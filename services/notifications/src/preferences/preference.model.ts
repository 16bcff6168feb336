import { Connection, Model, Schema } from 'mongoose';
import { NotificationCategory } from '@tochka/contracts';

/** The categories one user switched off (absent = everything on). */
export interface PreferenceDoc {
  _id: string; // the user's id
  disabled: NotificationCategory[];
  updatedAt: Date;
}

const schema = new Schema<PreferenceDoc>(
  { _id: String, disabled: { type: [String], default: [] }, updatedAt: { type: Date, required: true } },
  { versionKey: false },
);
schema.index({ disabled: 1 });

export type PreferenceModel = Model<PreferenceDoc>;
export const PREFERENCE_MODEL = 'PREFERENCE_MODEL';
export const preferenceModel = (conn: Connection): PreferenceModel => conn.model<PreferenceDoc>('Preference', schema, 'preferences');
