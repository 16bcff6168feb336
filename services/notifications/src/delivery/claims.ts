import { Connection, Model, Schema, Types } from 'mongoose';
import { duplicatePositions, isDuplicateKey } from '@tochka/messaging';

/**
 * Which instance may send a lane's mails now, decided by unique keys rather than a conditional
 * update: FerretDB 1.24 evaluates an update's filter and applies its change non-atomically, so
 * two instances racing on `updateOne({…, <still free>}, …)` can both win; a unique index admits
 * exactly one insert on MongoDB and FerretDB alike.
 *
 * Every notification belongs to one of LANES lanes (laneOf, stored at enqueue). Time is cut into
 * lease slots (NOTIFICATION_LEASE_MS each); the key `lane:<lane>:<slot>` says who holds a lane
 * during that slot. A claim inserts the current slot's key and then the next one's (ordered: the
 * second only if the first was won), so a fresh hold lasts at least a lease; while it works, the
 * holder adds the slot after next early in each slot (the sender's heartbeat), so a live holder
 * never loses its lane, and a holder that stopped frees it after one or two leases. A key can be
 * taken only by whoever holds the slot before it, or by anyone once that slot has passed.
 */
export interface ClaimDoc {
  _id: string;
  at: Date;
  /** The instance holding it (lane keys), so a release removes only its own. */
  holder?: string;
}

const schema = new Schema<ClaimDoc>({ _id: String, at: { type: Date, required: true, index: true }, holder: String }, { versionKey: false });

export type ClaimModel = Model<ClaimDoc>;
export const CLAIM_MODEL = 'CLAIM_MODEL';
export const claimModel = (conn: Connection): ClaimModel => conn.model<ClaimDoc>('Claim', schema, 'notification_claims');

/** How many lanes the queue is split into: the most instances × lanes in flight that can send at once. */
export const LANES = 16;

/** A notification's lane, from its id (which is a hash, see notificationId): spread evenly. */
export function laneOf(id: Types.ObjectId): number {
  return parseInt(id.toHexString().slice(-4), 16) % LANES;
}

export const slotOf = (at: Date, leaseMs: number): number => Math.floor(at.getTime() / leaseMs);

const laneKey = (lane: number, slot: number) => `lane:${lane}:${slot}`;

/**
 * Take `lane` from slot `slot` on: the slots won (the first, then the second, in order), empty
 * when someone else holds it now.
 */
export async function takeLane(claims: ClaimModel, lane: number, slot: number, holder: string, at: Date): Promise<number[]> {
  const slots = [slot, slot + 1];
  try {
    // The raw driver: an ordered insert stops at the first taken key and says where.
    await claims.collection.insertMany(slots.map((s) => ({ _id: laneKey(lane, s), at, holder })) as never[], { ordered: true });
    return slots;
  } catch (err) {
    const lost = duplicatePositions(err);
    if (!lost) throw err;
    return lost.has(0) ? [] : [slot];
  }
}

/** Hold `lane` through `slot` too: false when someone else has it (this holder's slots ran out before). */
export async function extendLane(claims: ClaimModel, lane: number, slot: number, holder: string, at: Date): Promise<boolean> {
  try {
    await claims.collection.insertOne({ _id: laneKey(lane, slot), at, holder } as never);
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/**
 * Give back the slots of `lane` this holder has (by `_id`, one each: FerretDB scans for `$in`).
 * FerretDB deletes by `_id` whatever the rest of the filter says; harmless here: a key this holder
 * inserted is nobody else's until it is gone.
 */
export async function releaseLane(claims: ClaimModel, lane: number, slots: number[], holder: string): Promise<void> {
  await Promise.all(slots.map((s) => claims.collection.deleteOne({ _id: laneKey(lane, s), holder } as never)));
}
