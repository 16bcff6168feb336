/**
 * Duplicate keys, the one atomic decision both MongoDB 7 and FerretDB 1.24 make for us: of two
 * inserts of one key into a unique index exactly one succeeds (see README, Decisions). Every
 * "already there" in the code is recognised here.
 */
const DUPLICATE_KEY = 11000;

interface WriteFailure {
  code?: number;
  writeErrors?: { index: number; code?: number }[];
}

/**
 * The positions of an unordered bulk insert that a unique index refused, when duplicates are all
 * that failed (a single insert refused is position 0); undefined for any other failure.
 */
export function duplicatePositions(err: unknown): Set<number> | undefined {
  const failure = (err ?? {}) as WriteFailure;
  if (failure.writeErrors?.length) {
    return failure.writeErrors.every((w) => w.code === DUPLICATE_KEY) ? new Set(failure.writeErrors.map((w) => w.index)) : undefined;
  }
  return failure.code === DUPLICATE_KEY ? new Set([0]) : undefined;
}

/** True when a write failed only because a unique index already holds its key(s). */
export function isDuplicateKey(err: unknown): boolean {
  return duplicatePositions(err) !== undefined;
}

/** Run an insert: true when written, false when its key was already taken; other failures are thrown. */
export async function insertUnlessDuplicate(insert: Promise<unknown>): Promise<boolean> {
  try {
    await insert;
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}
