import { createHash } from 'node:crypto';
import { Schema } from 'mongoose';

/**
 * Creating something at most once per `Idempotency-Key` (README, Decisions): the new aggregate's
 * id is derived from the key, so a retry collides on `_id` — the one atomic decision MongoDB and
 * FerretDB both make — and the first request's fingerprint, stored beside the aggregate, tells a
 * retry (answered with what the first one created) from another request reusing the key (422).
 */

/** 24 hex digits (an ObjectId's worth) from a namespace and a key: the same inputs, the same id. */
export function keyedId(namespace: string, key: string): string {
  return createHash('sha256').update(`${namespace}:${key}`).digest('hex').slice(0, 24);
}

/** A fingerprint of a request: a retry has the same one; key order and absent fields do not matter. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Stored beside an aggregate created under a key: whose key, and the request's fingerprint. */
export interface CreatedWith {
  /** The key as scoped by its caller, e.g. `<userId>:<Idempotency-Key>`. */
  key: string;
  requestHash: string;
}

/** The field to add to an aggregate's schema: `createdWith: createdWithField`. */
export const createdWithField = { type: new Schema<CreatedWith>({ key: String, requestHash: String }, { _id: false }), required: false };
