/**
 * The network on a three-node NATS cluster (three local nats-server processes with cluster routes
 * and JetStream, every stream R3), two processes of every service. A registration burst runs for
 * a master class, and one NATS node is killed in the middle of it: every registration the
 * kindergartens were promised exists once, every contact gets its one mail, /health recovers.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, NatsConnection } from 'nats';
import { runCli } from '@tochka/gateway';
import { Api, createTestEnv, eventually, organizationBody, SmtpSink, startSmtpSink, TestEnv } from '@tochka/testing';
import { Console } from '../src/format';
import { findNatsServer } from '../src/embedded-nats';
import { missingEntries } from '../src/processes';
import { REPO_ROOT, resolveSettings, SERVICES } from '../src/settings';
import { DevStack } from '../src/start';
import { health, isAlive, portsInRange, waitForHealthy } from './launcher-harness';

const PASSWORD = 'пароль-кластера-района';
const COORDINATOR = 'metodist@mk-moshr.test';
const HEAD = 'head@sosh3.test';
const KINDERGARTENS = ['ds-1', 'ds-2', 'ds-3'];
const GROUPS_EACH = 10;
const SEATS = 40; // 30 groups of 2 children: 20 confirmed, 10 waitlisted

interface Node {
  name: string;
  port: number;
  proc: ChildProcess;
  exited: Promise<void>;
}

/** Moscow-time ISO instant `days` from now at 10:00 Moscow (07:00 UTC). */
function daysAhead(days: number, hourUtc = 7): string {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d.toISOString();
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
      ['-js', '-sd', store, '-a', '127.0.0.1', '-p', String(port), '-n', name, '--cluster_name', 'tochka-test', '--cluster', `nats://127.0.0.1:${clusterPort}`, '--routes', routes],
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
      resolveSettings({
        NATS_URL: natsUrl,
        MONGO_URL: env.mongoUrl,
        SMTP_URL: sink.url,
        SUBJECT_PREFIX: env.prefix,
        MONGO_DB_PREFIX: env.prefix,
        PORT: String(gatewayPort),
        HOST: '127.0.0.1',
        DEV_DATA_DIR: join(dir, 'data'),
        INSTANCES: '2',
        LOG_LEVEL: 'warn',
      }),
      { steps: [], console: quietConsole, healthTimeoutMs: 90_000 },
    );
    await stack.start();
    api = new Api(`http://127.0.0.1:${gatewayPort}`);
    const created = await runCli(
      ['users:create', '--email', COORDINATOR, '--role', 'coordinator', '--org', 'mk-moshr', '--name', 'Бондаренко И.В.'],
      { MONGO_URL: env.mongoUrl, MONGO_DB_PREFIX: env.prefix, USER_PASSWORD: PASSWORD },
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
      expect({ stream: s.config.name, replicas: s.config.num_replicas, followers: s.cluster?.replicas?.length }).toEqual({ stream: s.config.name, replicas: 3, followers: 2 });
      for await (const c of jsm.consumers.list(s.config.name)) {
        expect({ consumer: c.name, followers: c.cluster?.replicas?.length }).toEqual({ consumer: c.name, followers: 2 });
      }
    }
  });

  it('loses and duplicates nothing a user sees when a node dies during a registration burst', async () => {
    const coordinator = await api.login(COORDINATOR, PASSWORD);
    const created = async (path: string, body: unknown) => {
      const res = await coordinator.post(path, body);
      expect([path, res.status, res.status === 201 ? '' : res.text]).toEqual([path, 201, '']);
      return res;
    };
    await created('/api/organizations', organizationBody('sosh-3', 'growth_point_centre', 'МБОУ СОШ № 3', { centre: { profile: 'digital_humanitarian', openedYear: 2021 }, rooms: [{ key: 'hall', name: 'Актовый зал', capacity: 60 }] }));
    await created('/api/users', { email: HEAD, name: 'Кутовая Е.И.', role: 'centre_head', organizationId: 'sosh-3', password: PASSWORD });
    for (const id of KINDERGARTENS) {
      await created('/api/organizations', organizationBody(id, 'kindergarten', `МБДОУ д/с № ${id.slice(3)}`));
      await created('/api/users', { email: `${id}@kinder.test`, name: `Методист ${id}`, role: 'kindergarten', organizationId: id, password: PASSWORD });
    }
    const head = await api.login(HEAD, PASSWORD);
    const kinder = await Promise.all(KINDERGARTENS.map((id) => api.login(`${id}@kinder.test`, PASSWORD)));

    const draft = await head.post('/api/agreements', {
      number: 'СВ-КЛ/1',
      title: 'Соглашение о сетевом взаимодействии: техническое творчество',
      parties: [{ organizationId: 'sosh-3', responsible: { name: 'Кутовая Е.И.' } }, ...KINDERGARTENS.map((id) => ({ organizationId: id, responsible: { name: `Методист ${id}` } }))],
      directions: ['robotics'],
      validFrom: daysAhead(-30).slice(0, 10),
      validTo: daysAhead(300).slice(0, 10),
    });
    expect(draft.status).toBe(201);
    const agreementId = draft.body.id as string;
    expect((await head.post(`/api/agreements/${agreementId}/propose`)).status).toBe(200);
    expect((await head.post(`/api/agreements/${agreementId}/sign`)).status).toBe(200);
    for (const k of kinder) expect((await k.post(`/api/agreements/${agreementId}/sign`)).status).toBe(200);
    expect((await head.get(`/api/agreements/${agreementId}`)).body.status).toBe('active');

    const proposed = await eventually(async () => {
      const res = await head.post('/api/events', {
        hostId: 'sosh-3',
        title: 'Мастер-класс «Роботы-помощники»',
        description: 'Собираем роботов из конструктора вместе с воспитанниками детских садов.',
        kind: 'master_class',
        direction: 'robotics',
        venue: 'hall',
        start: daysAhead(12),
        end: daysAhead(12, 9),
        audience: ['preschoolers'],
        partners: KINDERGARTENS,
        agreementId,
        capacity: { seats: SEATS },
      });
      return res.status === 201 ? res : undefined;
    }, 20_000);
    const eventId = proposed.body.event.id as string;
    expect((await coordinator.post(`/api/events/${eventId}/approve`, {})).status).toBe(200);

    // The burst: every kindergarten registers its groups, two children each, all at once. A
    // client that hears 5xx or loses the connection sends the same request again with the same
    // Idempotency-Key, as the API asks of it.
    const wanted = KINDERGARTENS.flatMap((id, k) =>
      Array.from({ length: GROUPS_EACH }, (_, g) => ({ k, key: randomUUID(), body: { groupName: `группа ${id}-${g + 1}`, children: 2, ageBand: '5–6 лет', adults: [{ name: 'Воспитатель', phone: '+7 918 000-00-00' }], contactEmail: `g${g + 1}@${id}.test` } })),
    );
    let accepted = 0;
    let retries = 0;
    let killed: Node | undefined;
    const killOne = () => {
      if (killed) return;
      killed = nodes[1]!;
      killed.proc.kill('SIGKILL');
    };
    const register = async (r: (typeof wanted)[number]) => {
      const deadline = Date.now() + 90_000;
      for (;;) {
        let status = 0;
        let body: { id?: string; status?: string } | undefined;
        try {
          const res = await kinder[r.k]!.post(`/api/events/${eventId}/registrations`, r.body, { 'idempotency-key': r.key });
          status = res.status;
          body = res.body as typeof body;
        } catch {
          status = 0; // connection lost
        }
        if (status === 201 || status === 200) {
          accepted += 1;
          if (accepted === 8) killOne();
          return { ...r, id: body!.id!, status: body!.status! };
        }
        if (status !== 0 && status < 500) throw new Error(`registration ${r.body.groupName}: ${status} ${JSON.stringify(body)}`);
        if (Date.now() > deadline) throw new Error(`registration ${r.body.groupName} not accepted within 90 s (last ${status})`);
        retries += 1;
        await new Promise((res) => setTimeout(res, 500));
      }
    };
    const results = await Promise.all(wanted.map(register));
    expect(killed).toBeDefined();
    expect(isAlive(killed!.proc.pid!)).toBe(false);

    // /health is green again with one node gone (two of three keep the quorum).
    await waitForHealthy(gatewayPort, 60_000);
    expect((await health(gatewayPort)).status).toBe(200);

    // What the host sees: each group once, capacity held, the waitlist in order.
    const list = await eventually(async () => {
      const res = await head.get(`/api/events/${eventId}/registrations?limit=100`);
      return res.status === 200 ? res : undefined;
    });
    const items = (list.body.items ?? list.body) as { id: string; groupName: string; status: string; children: number; waitlistPosition?: number }[];
    expect(items).toHaveLength(wanted.length);
    expect(new Set(items.map((i) => i.groupName)).size).toBe(wanted.length);
    expect(new Set(items.map((i) => i.id))).toEqual(new Set(results.map((r) => r.id)));
    const confirmed = items.filter((i) => i.status === 'confirmed');
    expect(confirmed.reduce((n, i) => n + i.children, 0)).toBe(SEATS);
    const waitlist = items.filter((i) => i.status === 'waitlisted').map((i) => i.waitlistPosition).sort((a, b) => a! - b!);
    expect(waitlist).toEqual(Array.from({ length: wanted.length - SEATS / 2 }, (_, i) => i + 1));
    // What each kindergarten was told is what holds.
    for (const r of results) expect(items.find((i) => i.id === r.id)!.status).toBe(r.status);

    // Every contact hears once about its group.
    for (const r of results) {
      await sink.waitFor((m) => m.envelope.to.includes(r.body.contactEmail) && /зарегистрирована|в листе ожидания/.test(m.parsed.subject ?? ''), { timeoutMs: 60_000 });
    }
    await new Promise((r) => setTimeout(r, 3000));
    const seen = new Map<string, number>();
    for (const m of sink.messages) for (const to of m.envelope.to) seen.set(`${to} | ${m.parsed.subject}`, (seen.get(`${to} | ${m.parsed.subject}`) ?? 0) + 1);
    expect([...seen.entries()].filter(([, n]) => n > 1)).toEqual([]);
    logs.push(`cluster burst: ${results.length} registrations, ${retries} client retries after the node died`);
  }, 240_000);
});
