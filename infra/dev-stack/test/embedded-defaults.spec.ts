/**
 * `pnpm start` on a machine like a newcomer's: no NATS_URL and nothing answering on the NATS port,
 * no MONGO_URL, and mongod cannot be downloaded (the download host does not resolve, as offline).
 * The launcher starts its own nats-server and falls back to FerretDB on SQLite, both under the
 * data dir; the network comes up with the district loaded; everything stops with the launcher;
 * a second start finds the data again.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEV_DEMO_PASSWORD } from '@tochka/district-data';
import { SERVICES } from '../src/settings';
import { agreementsSeenBy, health, isAlive, Output, portsInRange, seededAgreements } from './launcher-harness';

const ROOT = resolve(__dirname, '..', '..', '..');
const LAUNCHER = join(ROOT, 'infra', 'dev-stack', 'dist', 'start.js');
const COORDINATOR = 'metodist@mk-moshr.test';

interface Run {
  proc: ChildProcess;
  out: Output;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

describe('pnpm start with nothing installed but nats-server and the cached FerretDB build', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let gatewayPort: number;
  let seeded = 0;
  const runs: Run[] = [];
  /** Every pid any run printed: services, nats-server, FerretDB. */
  const pidsOf = (out: Output) => [
    ...Object.values(out.pids()),
    ...[...out.text.matchAll(/\(pid (\d+)\), данные в/g)].map((m) => Number(m[1])),
    ...[...out.text.matchAll(/ready: pid (\d+)/g)].map((m) => Number(m[1])),
  ];

  const launch = (): Run => {
    const out = new Output();
    const proc = spawn(process.execPath, [LAUNCHER], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout!.on('data', (c: Buffer) => out.push(c));
    proc.stderr!.on('data', (c: Buffer) => out.push(c));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => proc.once('exit', (code, signal) => res({ code, signal })));
    const run = { proc, out, exited };
    runs.push(run);
    return run;
  };

  beforeAll(async () => {
    if (!existsSync(LAUNCHER)) throw new Error('run pnpm build first');
    dataDir = mkdtempSync(join(tmpdir(), 'dev-stack-embedded-'));
    // NATS_PORT: nothing listens there (checked free); the services' ports come after it.
    const [natsPort, mongoPort, port, smtpPort] = await portsInRange(4, 3);
    gatewayPort = port;
    env = {
      ...process.env,
      NATS_PORT: String(natsPort),
      MONGO_PORT: String(mongoPort),
      PORT: String(port),
      SMTP_PORT: String(smtpPort),
      DEV_DATA_DIR: dataDir,
      // mongodb-memory-server as offline: no cached binary, and its download host does not resolve
      MONGOMS_DOWNLOAD_DIR: join(dataDir, 'no-mongod'),
      MONGOMS_DOWNLOAD_MIRROR: 'https://mongodb-download.invalid',
      LOG_LEVEL: 'warn',
    };
    for (const name of [
      'NATS_URL',
      'MONGO_URL',
      'SMTP_URL',
      'JWT_SECRET',
      'PUBLIC_URL',
      'HOST',
      'SUBJECT_PREFIX',
      'MONGO_DB_PREFIX',
      'MONGOMS_SYSTEM_BINARY',
      'INSTANCES',
    ]) {
      delete env[name];
    }
  });

  afterAll(async () => {
    // only after a failure: nothing of this test may stay behind
    for (const run of runs) {
      if (run.proc.exitCode === null && run.proc.signalCode === null) {
        run.proc.kill('SIGKILL');
        await run.exited;
      }
      for (const pid of pidsOf(run.out)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('starts its own nats-server and FerretDB, loads the district, and stops them all', async () => {
    const run = launch();
    await run.out.waitFor(/Сеть центров «Точка роста» запущена/, 150_000);
    const text = run.out.text;
    expect(text).toMatch(
      new RegExp(`NATS не найден — запущен свой \\S*nats-server -js на nats://127\\.0\\.0\\.1:\\d+ \\(pid \\d+\\), данные в ${join(dataDir, 'nats')}`),
    );
    expect(text).toMatch(/mongod недоступен \(Download failed .*ENOTFOUND.*\) — вместо MongoDB запускаю FerretDB с SQLite/);
    // one line says it, not the library's stack trace
    expect(text).not.toContain('Starting the MongoMemoryServer Instance failed');
    expect(text).toContain(`FerretDB на SQLite (mongod недоступен)`);
    expect(text).toContain('данные района: соглашения: загружено 25');

    const h = await health(gatewayPort);
    expect(h.status).toBe(200);
    seeded = seededAgreements(text);
    expect(seeded).toBeGreaterThanOrEqual(25);
    expect(await agreementsSeenBy(gatewayPort, COORDINATOR, DEV_DEMO_PASSWORD)).toBe(seeded);

    const pids = pidsOf(run.out);
    expect(pids).toHaveLength(SERVICES.length + 2); // the services, nats-server, FerretDB
    run.proc.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(pids.filter(isAlive)).toEqual([]);
    expect(run.out.text).toContain('останавливаю FerretDB');
    expect(run.out.text).toContain('останавливаю NATS');
  }, 200_000);

  it('a second start finds the data under the data dir again', async () => {
    const run = launch();
    await run.out.waitFor(/Сеть центров «Точка роста» запущена/, 150_000);
    expect(run.out.text).toContain('MongoDB: FerretDB с SQLite, как в прошлый раз');
    expect(run.out.text).toContain('данные района: база не пуста, загрузка не нужна');
    expect(await agreementsSeenBy(gatewayPort, COORDINATOR, DEV_DEMO_PASSWORD)).toBe(seeded);

    const pids = pidsOf(run.out);
    run.proc.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(pids.filter(isAlive)).toEqual([]);
  }, 180_000);
});
