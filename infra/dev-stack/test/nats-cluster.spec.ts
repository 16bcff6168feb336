/**
 * The network on a three-node NATS cluster (three local nats-server processes with cluster routes
 * and JetStream, every stream R3), two processes of every service. A registration burst runs for
 * a master class, and one NATS node is killed in the middle of it: every registration the
 * kindergartens were promised exists once, every contact gets its one mail, /health recovers.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, NatsConnection } from 'nats';
import { runCli } from '@tochka/gateway';
import { Api, createTestEnv, eventually, SmtpSink, startSmtpSink, TestEnv } from '@tochka/testing';
import { expectNothingLostOrDuplicated, registrationBurst, setUpMasterClass } from './burst-fixture';
import { Console } from '../src/format';
import { findNatsServer } from '../src/embedded-nats';
import { missingEntries } from '../src/processes';
import { REPO_ROOT, SERVICES, settingsOn } from '../src/settings';
import { DevStack } from '../src/start';
import { health, isAlive, portsInRange, waitForHealthy } from './launcher-harness';

const PASSWORD = 'пароль-кластера-района';
const COORDINATOR = 'metodist@mk-moshr.test';
interface Node {
  name: string;
  port: number;
  proc: ChildProcess;
  exited: Promise<void>;
}

describe('three NATS nodes (R3), two instances of each service, a node dies during a burst', () => {
  let env: TestEnv;
  let sink: SmtpSink;
  let stack: DevStack;
  let api: Api;
  let dir: string;
  let gatewayPort: number;
  const nodes: Node[] = [];
  let natsUrl: string;
  let probe: NatsConnection | undefined;
  const logs: string[] = [];
  const quietConsole: Console = {
    log: (source, level, message) => logs.push(`${source} ${level} ${message}`),
    raw: (text) => logs.push(text),
  };

  const startNode = (binary: string, name: string, port: number, clusterPort: number, routes: string) => {
    const store = join(dir, name);
    mkdirSync(store, { recursive: true });
    const proc = spawn(
      binary,
      [
        '-js',
        '-sd',
        store,
        '-a',
        '127.0.0.1',
        '-p',
        String(port),
        '-n',
        name,
        '--cluster_name',
        'tochka-test',
        '--cluster',
        `nats://127.0.0.1:${clusterPort}`,
        '--routes',
        routes,
      ],
      { stdio: 'ignore' },
    );
    const exited = new Promise<void>((res) => proc.once('exit', () => res()));
    nodes.push({ name, port, proc, exited });
  };

  beforeAll(async () => {
    if (missingEntries(REPO_ROOT, SERVICES).length) throw new Error('run pnpm build first');
    dir = mkdtempSync(join(tmpdir(), 'nats-cluster-'));
    const binary = await findNatsServer(REPO_ROOT, () => undefined);
    const ports = await portsInRange(7, 0, 18560);
    const clientPorts = ports.slice(0, 3);
    const clusterPorts = ports.slice(3, 6);
    gatewayPort = ports[6]!;
    const routes = clusterPorts.map((p) => `nats://127.0.0.1:${p}`).join(',');
    clientPorts.forEach((p, i) => {
      startNode(binary, `n${i + 1}`, p, clusterPorts[i]!, routes);
    });
    natsUrl = clientPorts.map((p) => `nats://127.0.0.1:${p}`).join(',');

    // The cluster is ready once JetStream has a meta leader and answers account requests.
    probe = await eventually(() => connect({ servers: natsUrl.split(','), maxReconnectAttempts: -1, reconnectTimeWait: 250 }).catch(() => undefined), 20_000);
    await eventually(async () => {
      try {
        const jsm = await probe!.jetstreamManager();
        await jsm.getAccountInfo();
        return true;
      } catch {
        return undefined;
      }
    }, 30_000);

    env = createTestEnv();
    sink = await startSmtpSink();
    Object.assign(process.env, {
      JETSTREAM_REPLICAS: '3',
      JETSTREAM_STORAGE: 'file',
      EVENT_BACKOFF_MS: '200,500,1000',
      OUTBOX_SWEEP_MS: '300',
      RPC_TIMEOUT_MS: '4000',
    });
    stack = new DevStack(
      settingsOn({ natsUrl, mongoUrl: env.mongoUrl, smtpUrl: sink.url, prefix: env.prefix, port: gatewayPort, dataDir: join(dir, 'data') }, { INSTANCES: '2' }),
      { steps: [], console: quietConsole, healthTimeoutMs: 90_000 },
    );
    await stack.start();
    api = new Api(`http://127.0.0.1:${gatewayPort}`);
    const created = await runCli(
      ['users:create', '--email', COORDINATOR, '--role', 'coordinator', '--org', 'mk-moshr', '--name', 'Бондаренко И.В.'],
      { MONGO_URL: env.mongoUrl, MONGO_DB_PREFIX: env.prefix, NATS_URL: natsUrl, SUBJECT_PREFIX: env.prefix, USER_PASSWORD: PASSWORD },
      { log: () => undefined, error: (s: string) => logs.push(s) } as unknown as Console & typeof console,
    );
    expect(created).toBe(0);
  }, 150_000);

  afterAll(async () => {
    if (process.env.CLUSTER_LOGS) console.log(logs.join('\n'));
    const pids = Object.values(stack?.pids() ?? {});
    await stack?.stop();
    for (const pid of pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    await probe?.close().catch(() => undefined);
    for (const n of nodes) {
      if (n.proc.exitCode === null && n.proc.signalCode === null) n.proc.kill('SIGTERM');
    }
    await Promise.all(nodes.map((n) => n.exited));
    await sink?.close();
    await env?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('keeps three copies of every stream and consumer', async () => {
    const jsm = await probe!.jetstreamManager();
    const streams = [];
    for await (const s of jsm.streams.list()) if (s.config.name.startsWith(`${env.prefix.toUpperCase()}_`)) streams.push(s);
    expect(streams.length).toBeGreaterThanOrEqual(5);
    for (const s of streams) {
      expect({ stream: s.config.name, replicas: s.config.num_replicas, followers: s.cluster?.replicas?.length }).toEqual({
        stream: s.config.name,
        replicas: 3,
        followers: 2,
      });
      for await (const c of jsm.consumers.list(s.config.name)) {
        expect({ consumer: c.name, followers: c.cluster?.replicas?.length }).toEqual({ consumer: c.name, followers: 2 });
      }
    }
  });

  it('loses and duplicates nothing a user sees when a node dies during a registration burst', async () => {
    const coordinator = await api.login(COORDINATOR, PASSWORD);
    const mc = await setUpMasterClass(api, coordinator, PASSWORD);
    let killed: Node | undefined;
    const { results, retries } = await registrationBurst(mc, (accepted) => {
      if (accepted !== 8 || killed) return;
      killed = nodes[1]!;
      killed.proc.kill('SIGKILL');
    });
    expect(killed).toBeDefined();
    expect(isAlive(killed!.proc.pid!)).toBe(false);

    // /health is green again with one node gone (two of three keep the quorum).
    await waitForHealthy(gatewayPort, 60_000);
    expect((await health(gatewayPort)).status).toBe(200);
    await expectNothingLostOrDuplicated(mc, results, sink);
    logs.push(`cluster burst: ${results.length} registrations, ${retries} client retries after the node died`);
  }, 240_000);
});
