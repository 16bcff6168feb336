import { DEV_DEMO_PASSWORD } from '@tochka/district-data';
/**
 * `pnpm start` end to end: the built launcher as a child process, with the six built services,
 * against the test run's NATS and MongoDB (MONGO_URL/NATS_URL), its own prefix, ports and data dir.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { createTestEnv, TestEnv } from '@tochka/testing';
import { agreementsSeenBy, freePort, health, isAlive, Output, seededAgreements, waitForHealthy } from './launcher-harness';

const ROOT = resolve(__dirname, '..', '..', '..');
const SERVICES = ['agreements', 'calendar', 'registrations', 'notifications', 'reports', 'gateway'];
const LAUNCHER = join(ROOT, 'infra', 'dev-stack', 'dist', 'start.js');

describe('dev stack launcher (pnpm start)', () => {
  let env: TestEnv;
  let launcher: ChildProcess | undefined;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  const out = new Output();
  let dataDir: string;
  let port: number;
  let smtpPort: number;
  const seenPids = new Set<number>();

  beforeAll(async () => {
    const missing = [...SERVICES.map((s) => join(ROOT, 'services', s, 'dist', 'main.js')), LAUNCHER].filter((f) => !existsSync(f));
    if (missing.length) throw new Error(`run pnpm build first (missing ${missing.join(', ')})`);

    env = createTestEnv();
    dataDir = mkdtempSync(join(tmpdir(), 'dev-stack-'));
    port = await freePort();
    smtpPort = await freePort();
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
    delete childEnv.SMTP_URL;
    delete childEnv.JWT_SECRET;
    delete childEnv.PUBLIC_URL;
    delete childEnv.HOST;

    launcher = spawn(process.execPath, [LAUNCHER], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    launcher.stdout!.on('data', (c: Buffer) => out.push(c));
    launcher.stderr!.on('data', (c: Buffer) => out.push(c));
    exited = new Promise((res) => launcher!.once('exit', (code, signal) => res({ code, signal })));

    await out.waitFor(/Сеть центров «Точка роста» запущена/, 300_000);
    for (const pid of Object.values(out.pids())) seenPids.add(pid);
  }, 310_000);

  afterAll(async () => {
    // only after a failure: nothing of this run may stay behind
    if (launcher && launcher.exitCode === null && launcher.signalCode === null) {
      launcher.kill('SIGKILL');
      await exited;
    }
    for (const pid of seenPids) {
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    await env?.cleanup();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('starts the six services and reports them in the banner and /health', async () => {
    expect(Object.keys(out.pids()).sort()).toEqual([...SERVICES].sort());
    expect(out.text).toContain(`http://localhost:${port}/api/docs`);
    expect(out.text).toContain(`http://localhost:${port}/health`);
    expect(out.text).toContain('pnpm --filter @tochka/gateway cli users:create');
    // The command line asks agreements over this run's NATS and prefix.
    expect(out.text).toMatch(new RegExp(`NATS_URL=\\S+ SUBJECT_PREFIX='?${env.prefix}'? `));
    expect(out.text).toContain(join(dataDir, 'mail'));
    // children's pino lines come out formatted, not as JSON
    expect(out.text).toMatch(/^\d\d:\d\d:\d\d gateway +info +gateway listening \{"url":/m);

    const h = await health(port);
    expect(h.status).toBe(200);
    expect(h.body.services).toEqual({ agreements: 'up', calendar: 'up', registrations: 'up', notifications: 'up', reports: 'up' });
  });

  it('loads the district into the empty database: the demo coordinator signs in and sees the agreements it loaded', async () => {
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'metodist@mk-moshr.test', password: DEV_DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    // 2022–2023 as history (the current year's demo agreements are tested in seed-current-year.spec.ts).
    const list = await fetch(`http://127.0.0.1:${port}/api/agreements?limit=1&validOn=2022-12-01`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(((await list.json()) as { total: number }).total).toBe(25);
    expect(out.text).toContain('данные района: соглашения: загружено 25');
    // and every agreement the seed reports, the current year's included
    expect(await agreementsSeenBy(port, 'metodist@mk-moshr.test', DEV_DEMO_PASSWORD)).toBe(seededAgreements(out.text));
  });

  it("carries the caller's correlation id from the HTTP request into the service's log lines", async () => {
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'metodist@mk-moshr.test', password: DEV_DEMO_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const res = await fetch(`http://127.0.0.1:${port}/api/organizations/sosh-5`, {
      headers: { 'x-correlation-id': 'story-corr-42', authorization: `Bearer ${accessToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-correlation-id')).toBe('story-corr-42');
    await out.waitFor(/agreements +info +rpc handled .*story-corr-42/, 10_000);
    await out.waitFor(/gateway +info +http request .*story-corr-42/, 10_000);
  });

  it('catches mail on SMTP_PORT, saves it as .eml under DEV_DATA_DIR/mail and logs it', async () => {
    const from = out.text.length;
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: 'robot@example.ru',
      to: 'metodist@example.ru',
      subject: 'Проверка почты dev-stack',
      text: 'Письмо из теста',
    });
    transport.close();

    const m = await out.waitFor(/письмо для metodist@example\.ru: «Проверка почты dev-stack» → (\S+\.eml)/, 10_000, from);
    const file = m[1];
    expect(file.startsWith(join(dataDir, 'mail'))).toBe(true);
    // The seeded district's own mails land there too: this one is among them.
    expect(readdirSync(join(dataDir, 'mail')).filter((f) => f.endsWith('.eml'))).toContain(file.split('/').pop());
    expect(readFileSync(file, 'utf8')).toContain('metodist@example.ru');
  });

  it('restarts a child that dies and /health turns green again', async () => {
    const old = out.pids().registrations;
    const from = out.text.length;
    process.kill(old, 'SIGKILL');

    await out.waitFor(/registrations неожиданно завершился \(сигнал SIGKILL\); перезапуск через 1 с/, 5_000, from);
    const started = await out.waitFor(/started registrations pid (\d+)/, 5_000, from);
    const fresh = Number(started[1]);
    seenPids.add(fresh);
    expect(fresh).not.toBe(old);
    expect(isAlive(old)).toBe(false);

    await waitForHealthy(port, 15_000);
    expect((await health(port)).body.services?.registrations).toBe('up');
  }, 30_000);

  it('stops every child on SIGTERM and exits 0', async () => {
    const pids = Object.values(out.pids());
    expect(pids).toHaveLength(SERVICES.length);
    launcher!.kill('SIGTERM');
    const { code, signal } = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(pids.filter(isAlive)).toEqual([]);
    expect(out.text).toContain('всё остановлено');
  }, 20_000);
});
