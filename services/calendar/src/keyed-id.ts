import { createHash } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * The id of something loaded by a stable key (the district's plan, festivals): the same key always
 * gives the same id, so loading it twice collides on `_id` instead of making a duplicate.
 */
export function keyedObjectId(namespace: string, key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(`${namespace}:${key}`).digest('hex').slice(0, 24));
}
