/**
 * `pnpm start --instances 2`: two processes of every service. The gateways share the port, the
 * services share requests (NATS queue groups), the district is loaded once, and a crashed
 * instance is restarted while the other keeps serving.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEV_DEMO_PASSWORD } from '@tochka/district-data';
import { createTestEnv, TestEnv } from '@tochka/testing';
import { SERVICES } from '../src/settings';
import { agreementsSeenBy, health, isAlive, Output, portsInRange, seededAgreements, waitForHealthy } from './launcher-harness';

const ROOT = resolve(__dirname, '..', '..', '..');
const LAUNCHER = join(ROOT, 'infra', 'dev-stack', 'dist', 'start.js');

/** GET on a fresh TCP connection each time (the kernel picks a gateway per connection). */
function getFresh(port: number, path: string, token: string): Promise<number> {
  return new Promise((res, rej) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, headers: { authorization: `Bearer ${token}`, connection: 'close' } }, (r) => {
      r.resume();
      r.on('end', () => res(r.statusCode ?? 0));
    });
    req.on('error', rej);
    req.end();
  });
}

describe('pnpm start --instances 2', () => {
  let env: TestEnv;
  let launcher: ChildProcess;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  const out = new Output();
  let dataDir: string;
  let port: number;
  const seen = new Set<number>();

  beforeAll(async () => {
    if (!existsSync(LAUNCHER)) throw new Error('run pnpm build first');
    env = createTestEnv();
    dataDir = mkdtempSync(join(tmpdir(), 'dev-stack-instances-'));
    const [gatewayPort, smtpPort] = await portsInRange(2, 0, 18540);
    port = gatewayPort;
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      MONGO_URL: env.mongoUrl,
      NATS_URL: env.natsUrl,
      SUBJECT_PREFIX: env.prefix,
      MONGO_DB_PREFIX: env.prefix,
      PORT: String(port),
      SMTP_PORT: String(smtpPort),
      DEV_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      JETSTREAM_STORAGE: 'memory',
    };
    for (const name of ['SMTP_URL', 'JWT_SECRET', 'PUBLIC_URL', 'HOST', 'INSTANCES']) delete childEnv[name];
    launcher = spawn(process.execPath, [LAUNCHER, '--instances', '2'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    launcher.stdout!.on('data', (c: Buffer) => out.push(c));
    launcher.stderr!.on('data', (c: Buffer) => out.push(c));
    exited = new Promise((res) => launcher.once('exit', (code, signal) => res({ code, signal })));
    await out.waitFor(/Сеть центров «Точка роста» запущена/, 300_000);
    for (const pid of Object.values(out.pids())) seen.add(pid);
  }, 310_000);

  afterAll(async () => {
    if (launcher && launcher.exitCode === null && launcher.signalCode === null) {
      launcher.kill('SIGKILL');
      await exited;
    }
    for (const pid of seen) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    await env?.cleanup();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('runs two processes of every service, loads the district once', async () => {
    expect(Object.keys(out.pids()).sort()).toEqual(SERVICES.flatMap((s) => [`${s}-1`, `${s}-2`]).sort());
    expect(out.text).toContain('Процессы:      по 2 каждого сервиса');
    expect((await health(port)).status).toBe(200);
    expect(await agreementsSeenBy(port, 'metodist@mk-moshr.test', DEV_DEMO_PASSWORD)).toBe(seededAgreements(out.text));
    expect(out.text.match(/данные района: соглашения: загружено 25/g)).toHaveLength(1);
  });

  it('both gateways take connections on the one port and both instances of a service answer requests', async () => {
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'metodist@mk-moshr.test', password: DEV_DEMO_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const from = out.text.length;
    const statuses = [];
    for (let i = 0; i < 40; i++) statuses.push(await getFresh(port, '/api/agreements?limit=1', accessToken));
    expect(new Set(statuses)).toEqual(new Set([200]));
    await out.waitFor(/gateway-1 +info +http request/, 5000, from);
    await out.waitFor(/gateway-2 +info +http request/, 5000, from);
    await out.waitFor(/agreements-1 +info +rpc handled/, 5000, from);
    await out.waitFor(/agreements-2 +info +rpc handled/, 5000, from);
  });

  it('a killed instance is restarted; the other one serves meanwhile', async () => {
    const old = out.pids()['registrations-1'];
    const from = out.text.length;
    process.kill(old, 'SIGKILL');
    await out.waitFor(/registrations-1 неожиданно завершился \(сигнал SIGKILL\)/, 5000, from);
    const started = await out.waitFor(/started registrations-1 pid (\d+)/, 5000, from);
    seen.add(Number(started[1]));
    await waitForHealthy(port, 15_000);
    expect((await health(port)).body.services?.registrations).toBe('up');
  }, 30_000);

  it('stops every process on SIGTERM', async () => {
    const pids = Object.values(out.pids());
    expect(pids).toHaveLength(SERVICES.length * 2);
    launcher.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(pids.filter(isAlive)).toEqual([]);
  }, 20_000);
});
