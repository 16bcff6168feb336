import { ChildProcess } from 'node:child_process';
import { healthRpcs, Role, ServiceName } from '@tochka/contracts';
import { anyFreePort } from '@tochka/dev-stack';
import { createUser, userModel } from '@tochka/gateway';
import { RpcClient } from '@tochka/messaging';
import { baseConfigSchema, createRuntime, Runtime } from '@tochka/runtime';
import { Api, eventually, TEST_PASSWORD, type TestEnv } from '@tochka/testing';
import { memoryOf, spawnService, stopProcess } from './processes';

type BackendName = Exclude<ServiceName, 'gateway'>;

/** Resident memory of one process, MB: now (VmRSS) and its peak so far (VmHWM). */
export type Memory = { rss: number; peak: number };

/**
 * The services under test, each in its own process as `pnpm start` runs them (the gateway on a
 * free port), and this process's client of them: a bus connection (no outbox relay) for the
 * commands a benchmark sends over NATS, and the gateway's database for accounts (the gateway's
 * relay publishes `user.created`), as `pnpm seed` does against a running network.
 */
export class Network {
  private constructor(
    private readonly processes: Map<ServiceName, ChildProcess>,
    private readonly client: Runtime,
    /** The gateway's address, when it runs. */
    readonly url: string,
  ) {}

  /** Starts `names` with this run's settings (`settings[name]` over them) and waits until each answers. */
  static async start(env: TestEnv, names: ServiceName[], settings: Partial<Record<ServiceName, Record<string, unknown>>> = {}): Promise<Network> {
    const processes = new Map<ServiceName, ChildProcess>();
    let client: Runtime | undefined;
    try {
      client = await createRuntime({
        service: 'gateway',
        configSchema: baseConfigSchema,
        overrides: env.overrides('gateway', { OUTBOX_RELAY_ENABLED: false, RPC_TIMEOUT_MS: 300_000, LOG_LEVEL: 'error' }),
      });
      const port = names.includes('gateway') ? await anyFreePort() : undefined;
      for (const name of names) {
        processes.set(name, await spawnService(name, env, { ...settings[name], ...(name === 'gateway' ? { PORT: port } : {}) }));
      }
      const rpc = client.bus.rpc;
      const backends = names.filter((n): n is BackendName => n !== 'gateway');
      await Promise.all(
        backends.map((name) =>
          eventually(async () => (await rpc.request(healthRpcs[name], {}, { timeoutMs: 2000 }).catch(() => undefined))?.status !== undefined, 120_000, 200),
        ),
      );
      const url = port ? `http://127.0.0.1:${port}` : '';
      if (port) await eventually(async () => (await fetch(`${url}/health/live`).catch(() => undefined))?.status === 200, 120_000, 200);
      return new Network(processes, client, url);
    } catch (err) {
      await Promise.all([...processes.values()].map(stopProcess));
      if (client) await closeClient(client);
      throw err;
    }
  }

  get rpc(): RpcClient {
    return this.client.bus.rpc;
  }

  /** Accounts, in the gateway's database (as `SeedTarget.users`). */
  readonly users = {
    findByEmail: (email: string) => userModel(this.client.mongo).findOne({ email }).lean(),
    create: (user: { email: string; name: string; role: Role; organizationId: string; password: string }) => createUser(userModel(this.client.mongo), user),
  };

  /** A new account (password TEST_PASSWORD), logged in through the gateway. */
  async userApi(email: string, role: Role, organizationId: string): Promise<Api> {
    await this.users.create({ email, name: email.split('@')[0] ?? email, role, organizationId, password: TEST_PASSWORD });
    return new Api(this.url).login(email, TEST_PASSWORD);
  }

  /** Process ids of the services, by name. */
  pids(): Record<string, number> {
    return Object.fromEntries([...this.processes].map(([name, child]) => [name, child.pid!]));
  }

  /** Every service's memory now, by name (0 / 0 for a process gone). */
  memory(): Record<string, Memory> {
    return Object.fromEntries([...this.processes].map(([name, child]) => [name, memoryOf(child.pid!) ?? { rss: 0, peak: 0 }]));
  }

  /**
   * Result rows: each service's RSS at rest (`atRest`, taken before the measured load) and its peak
   * by now (VmHWM: the highest it has been since it started, set-up included).
   */
  memoryRows(atRest: Record<string, Memory>): Record<string, string> {
    const now = this.memory();
    return Object.fromEntries(Object.keys(now).map((name) => [`${name} process: RSS at rest / peak (MB)`, `${atRest[name]?.rss ?? 0} / ${now[name]!.peak}`]));
  }

  async close(): Promise<void> {
    // The gateway first (it asks the others), then the rest together.
    const gateway = this.processes.get('gateway');
    if (gateway) await stopProcess(gateway);
    await Promise.all([...this.processes].filter(([name]) => name !== 'gateway').map(([, child]) => stopProcess(child)));
    await closeClient(this.client);
  }
}

async function closeClient(client: Runtime): Promise<void> {
  await client.bus.close();
  await client.mongo.close();
}
