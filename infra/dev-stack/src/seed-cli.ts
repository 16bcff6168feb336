import { baseConfigSchema, loadConfig } from '@tochka/runtime';
import { demoPassword, seedRunningNetwork } from './seed-runner';

/**
 * `pnpm seed`: load the district into a running network, with the services' own settings
 * (NATS_URL, MONGO_URL, MONGO_DB_PREFIX, SUBJECT_PREFIX). Twice = once.
 */
async function main() {
  const config = loadConfig(baseConfigSchema, { NODE_ENV: 'development', ...process.env });
  await seedRunningNetwork(
    { natsUrl: config.NATS_URL, mongoUrl: config.MONGO_URL, mongoDbPrefix: config.MONGO_DB_PREFIX, subjectPrefix: config.SUBJECT_PREFIX },
    { password: demoPassword({ NODE_ENV: config.NODE_ENV, ...process.env }), log: (line) => console.log(`seed: ${line}`) },
  );
}

main().catch((err) => {
  console.error(`seed failed: ${(err as Error).message}`);
  process.exit(1);
});
