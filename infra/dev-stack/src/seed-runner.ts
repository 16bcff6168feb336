import { DEMO_PASSWORD_ENV, DEV_DEMO_PASSWORD } from '@tochka/district-data';
import { createUser, userModel } from '@tochka/gateway';
import { connectRpcOnly } from '@tochka/messaging';
import { connectMongo } from '@tochka/runtime';
import { seedDistrict, SeedReport } from './seed';
import { seedCurrentYear } from './seed-current-year';

export interface NetworkAddress {
  natsUrl: string;
  mongoUrl: string;
  mongoDbPrefix: string;
  subjectPrefix: string;
}

/** Demo password: DEMO_PASSWORD, or the documented default in development only. */
export function demoPassword(env: NodeJS.ProcessEnv = process.env): string {
  const password = env[DEMO_PASSWORD_ENV] ?? ((env.NODE_ENV ?? 'development') === 'development' ? DEV_DEMO_PASSWORD : undefined);
  if (!password) throw new Error(`${DEMO_PASSWORD_ENV} must be set outside development`);
  return password;
}

/**
 * Seed a running network: commands to the services over NATS, accounts into the gateway's
 * database (the running gateway's relay publishes `user.created`). With `onlyIfEmpty`, nothing
 * happens when the gateway already has accounts.
 */
export async function seedRunningNetwork(
  at: NetworkAddress,
  opts: { password: string; onlyIfEmpty?: boolean; log?: (line: string) => void },
): Promise<SeedReport | 'skipped'> {
  const conn = await connectMongo(at.mongoUrl, `${at.mongoDbPrefix}_gateway`);
  try {
    const users = userModel(conn);
    if (opts.onlyIfEmpty && (await users.estimatedDocumentCount()) > 0) return 'skipped';
    await users.createIndexes();
    // Requests only: the seed provisions no stream (the services do, with their own settings).
    const bus = await connectRpcOnly(at.natsUrl, 'seed', at.subjectPrefix, 15_000);
    try {
      const report = await seedDistrict(
        { rpc: bus.rpc, users: { findByEmail: (email) => users.findOne({ email }).lean(), create: (u) => createUser(users, u) } },
        { password: opts.password, log: opts.log },
      );
      await seedCurrentYear(bus.rpc, { now: new Date(), log: opts.log });
      return report;
    } finally {
      await bus.close();
    }
  } finally {
    await conn.close();
  }
}
