/**
 * Jest global setup: find the MongoDB-compatible server and NATS for this run.
 * 1. MONGO_URL and NATS_URL, when set (CI: FerretDB from infra/ferretdb/start.sh, the machine's NATS);
 * 2. otherwise testcontainers starts mongo:7 and nats (JetStream) when a Docker engine answers;
 * 3. otherwise stop at once and say what to set.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.MONGO_URL && process.env.NATS_URL) return;

  let dockerError: unknown;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
  } catch (err) {
    dockerError = err;
  }
  if (dockerError) {
    throw new Error(
      [
        'No MongoDB/NATS for the tests: MONGO_URL and NATS_URL are not set and no Docker engine answers.',
        'Either set both, e.g.',
        '  eval "$(bash infra/ferretdb/start.sh)"; export NATS_URL=nats://127.0.0.1:4222',
        'or start Docker so testcontainers can run mongo:7 and nats.',
      ].join('\n'),
    );
  }

  const { MongoDBContainer } = await import('@testcontainers/mongodb');
  const { NatsContainer } = await import('@testcontainers/nats');
  const [mongo, nats] = await Promise.all([new MongoDBContainer('mongo:7').start(), new NatsContainer('nats:2.10').withArg('-js', '').start()]);
  process.env.MONGO_URL ??= `mongodb://${mongo.getHost()}:${mongo.getMappedPort(27017)}/?directConnection=true`;
  process.env.NATS_URL ??= `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`;
  (globalThis as Record<string, unknown>).__TOCHKA_CONTAINERS__ = [mongo, nats];
}
