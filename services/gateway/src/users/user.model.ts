import { Connection, Model, Schema, Types } from 'mongoose';
import { Role, ROLES } from '@tochka/contracts';
import { CreatedWith, createdWithField, outboxFields, StoredOutboxEvent } from '@tochka/messaging';

export interface UserDoc {
  _id: Types.ObjectId;
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  organizationId: string;
  active: boolean;
  version: number;
  /**
   * Tokens issued before this instant (milliseconds since the epoch) are void: set by every change
   * of the account. Milliseconds, not the seconds of a token's `iat`: a token issued earlier in the
   * same second as a change is void too, and one issued right after it is not.
   */
  tokensValidFromMs?: number;
  /** The same in seconds, written before tokens carried milliseconds (still honoured). */
  tokensValidFrom?: number;
  createdAt: Date;
  updatedAt: Date;
  createdWith?: CreatedWith;
  outbox: StoredOutboxEvent[];
  outboxPending?: boolean;
}

const userSchema = new Schema<UserDoc>(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true },
    name: { type: String, required: true },
    passwordHash: { type: String, required: true },
    role: { type: String, required: true, enum: ROLES },
    organizationId: { type: String, required: true, index: true },
    active: { type: Boolean, required: true, default: true },
    version: { type: Number, required: true, default: 1 },
    tokensValidFromMs: { type: Number },
    tokensValidFrom: { type: Number },
    createdWith: createdWithField,
    ...outboxFields,
  },
  { timestamps: true, versionKey: false },
);

export type UserModel = Model<UserDoc>;
export const USER_MODEL = 'USER_MODEL';

export function userModel(conn: Connection): UserModel {
  return (conn.models.User as UserModel) ?? conn.model<UserDoc>('User', userSchema, 'users');
}
