import mongoose, { Connection } from 'mongoose';
import { createTestEnv, TestEnv } from '@tochka/testing';
import { SlotLimiter } from '../src/http/slot-limiter';

/**
 * The per-account creation limit takes its uses in blocks (SlotLimiter with `blockSize`): never
 * more than the limit in a window, however many gateways take at once, and one insert per block.
 */
describe('SlotLimiter with blocks of uses, on the real database', () => {
  let env: TestEnv;
  let conn: Connection;

  beforeAll(async () => {
    env = createTestEnv();
    conn = await mongoose.createConnection(env.mongoUrl, { dbName: env.dbName('gateway') }).asPromise();
  });

  afterAll(async () => {
    await conn?.close();
    await env?.cleanup();
  });

  const burst = (limiters: SlotLimiter[], key: string, requests: number, limit: number, at: Date) =>
    Promise.all(Array.from({ length: requests }, (_, i) => limiters[i % limiters.length]!.take(key, limit, at)));

  it('one gateway: a burst gets exactly the limit, one slot document per block', async () => {
    const limiter = new SlotLimiter(conn, 'BlockSlotA', 'block_slots_a', 60_000, 3);
    const at = new Date();
    const granted = (await burst([limiter], 'user:a', 50, 20, at)).filter((id) => id !== undefined);
    expect(granted).toHaveLength(20);
    expect(await conn.collection('block_slots_a').countDocuments({ key: 'user:a' })).toBe(7); // ⌈20 / 3⌉
    expect(await limiter.take('user:a', 20, at)).toBeUndefined();
    // The next window starts afresh.
    expect(await limiter.take('user:a', 20, new Date(at.getTime() + 60_000))).toBeDefined();
  });

  it('three gateways taking for one account at once: never more than the limit together', async () => {
    const limiters = [1, 2, 3].map(() => new SlotLimiter(conn, 'BlockSlotB', 'block_slots_b', 60_000, 4));
    const at = new Date();
    const granted = (await burst(limiters, 'user:b', 90, 20, at)).filter((id) => id !== undefined);
    expect(granted.length).toBeLessThanOrEqual(20);
    // Stranded at most (gateways − 1) × (blockSize − 1) uses.
    expect(granted.length).toBeGreaterThanOrEqual(20 - 2 * 3);
    expect(await conn.collection('block_slots_b').countDocuments({ key: 'user:b' })).toBe(5);
  });

  it('a burst across the end of a window: each window gets its whole limit, one slot document per block', async () => {
    const limiter = new SlotLimiter(conn, 'BlockSlotC', 'block_slots_c', 60_000, 3);
    const end = (Math.floor(Date.now() / 60_000) + 1) * 60_000;
    // Requests stamped just before and just after the window's end, arriving interleaved.
    const times = Array.from({ length: 40 }, (_, i) => new Date(i % 2 ? end + i : end - 40 + i));
    const granted = await Promise.all(times.map((at) => limiter.take('user:c', 20, at)));
    expect(granted.filter((id) => id !== undefined)).toHaveLength(40);
    const slots = await conn.collection('block_slots_c').find({ key: 'user:c' }).toArray();
    const perWindow = new Map<number, number>();
    for (const slot of slots) perWindow.set(slot.window, (perWindow.get(slot.window) ?? 0) + 1);
    expect([...perWindow.values()]).toEqual([7, 7]); // ⌈20 / 3⌉ each
  });
});
