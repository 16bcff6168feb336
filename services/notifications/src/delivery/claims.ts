import { Connection, Model, Schema } from 'mongoose';
import { duplicatePositions } from '@tochka/messaging';

/**
 * Who may send a notification now, decided by a unique key rather than a conditional update:
 * FerretDB 1.24 evaluates an update's filter and applies its change non-atomically, so two
 * instances racing on `updateOne({_id, <still due>}, …)` can both win; a unique index admits
 * exactly one insert on MongoDB and FerretDB alike.
 *
 * The key is `<notification>:<generation>:<lease slot>`. The winner bumps the notification's
 * generation at once, so its next claim has a fresh key; the lease slot lets a notification be
 * claimed again if its claimant died between winning and bumping.
 */
export interface ClaimDoc {
  _id: string;
  at: Date;
}

const schema = new Schema<ClaimDoc>({ _id: String, at: { type: Date, required: true, index: true } }, { versionKey: false });

export type ClaimModel = Model<ClaimDoc>;
export const CLAIM_MODEL = 'CLAIM_MODEL';
export const claimModel = (conn: Connection): ClaimModel => conn.model<ClaimDoc>('Claim', schema, 'notification_claims');

export function claimKey(notificationId: string, generation: number, now: Date, leaseMs: number): string {
  return `${notificationId}:${generation}:${Math.floor(now.getTime() / leaseMs)}`;
}

/** Insert every key; returns the ones this caller won (the others someone else holds). */
export async function takeClaims(claims: ClaimModel, keys: string[], at: Date): Promise<Set<string>> {
  try {
    // The raw driver: one unordered insert reports which keys were taken.
    await claims.collection.insertMany(keys.map((_id) => ({ _id, at })) as never[], { ordered: false });
    return new Set(keys);
  } catch (err) {
    const lost = duplicatePositions(err);
    if (!lost) throw err;
    return new Set(keys.filter((_, i) => !lost.has(i)));
  }
}
