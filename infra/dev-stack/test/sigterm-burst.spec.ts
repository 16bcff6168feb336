/**
 * Graceful shutdown under load: two processes of every service; during a burst of registrations
 * one registrations process and one gateway get SIGTERM. They finish what they hold and exit 0
 * (the launcher starts them again); the other instances carry on. Nothing accepted is lost,
 * nothing a user sees is duplicated.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@tochka/gateway';
import { Api, createTestEnv, eventually, SmtpSink, startSmtpSink, TestEnv } from '@tochka/testing';
import { Console } from '../src/format';
import { missingEntries } from '../src/processes';
import { REPO_ROOT, resolveSettings, SERVICES } from '../src/settings';
import { DevStack } from '../src/start';
import { expectNothingLostOrDuplicated, registrationBurst, setUpMasterClass } from './burst-fixture';
import { health, isAlive, portsInRange, waitForHealthy } from './launcher-harness';

const PASSWORD = 'пароль-остановки-района';
const COORDINATOR = 'metodist@mk-moshr.test';

describe('SIGTERM to a gateway and a registrations process during a burst', () => {
  let env: TestEnv;
  let sink: SmtpSink;
  let stack: DevStack;
  let api: Api;
  let dataDir: string;
  let port: number;
  const logs: string[] = [];
  const quietConsole: Console = {
    log: (source, level, message) => logs.push(`${source} ${level} ${message}`),
    raw: (text) => logs.push(text),
  };

  beforeAll(async () => {
    if (missingEntries(REPO_ROOT, SERVICES).length) throw new Error('run pnpm build first');
    env = createTestEnv();
    sink = await startSmtpSink();
    dataDir = mkdtempSync(join(tmpdir(), 'sigterm-burst-'));
    [port] = (await portsInRange(1, 0, 18580)) as [number];
    Object.assign(process.env, { EVENT_BACKOFF_MS: '200,500,1000', OUTBOX_SWEEP_MS: '300', JETSTREAM_STORAGE: 'memory' });
    stack = new DevStack(
      resolveSettings({
        NATS_URL: env.natsUrl,
        MONGO_URL: env.mongoUrl,
        SMTP_URL: sink.url,
        SUBJECT_PREFIX: env.prefix,
        MONGO_DB_PREFIX: env.prefix,
        PORT: String(port),
        HOST: '127.0.0.1',
        DEV_DATA_DIR: dataDir,
        INSTANCES: '2',
        LOG_LEVEL: 'warn',
      }),
      { steps: [], console: quietConsole, healthTimeoutMs: 90_000 },
    );
    await stack.start();
    api = new Api(`http://127.0.0.1:${port}`);
    const created = await runCli(
      ['users:create', '--email', COORDINATOR, '--role', 'coordinator', '--org', 'mk-moshr', '--name', 'Бондаренко И.В.'],
      { MONGO_URL: env.mongoUrl, MONGO_DB_PREFIX: env.prefix, USER_PASSWORD: PASSWORD },
      { log: () => undefined, error: (s: string) => logs.push(s) } as unknown as Console & typeof console,
    );
    expect(created).toBe(0);
  }, 120_000);

  afterAll(async () => {
    if (process.env.SIGTERM_LOGS) console.log(logs.join('\n'));
    const pids = Object.values(stack?.pids() ?? {});
    await stack?.stop();
    for (const pid of pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    await sink?.close();
    await env?.cleanup();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('finishes what it holds, exits 0, and loses or duplicates nothing', async () => {
    const coordinator = await api.login(COORDINATOR, PASSWORD);
    const mc = await setUpMasterClass(api, coordinator, PASSWORD);
    const stopped: Record<string, number> = {};
    const { results, retries } = await registrationBurst(mc, (accepted) => {
      if (accepted !== 8 || Object.keys(stopped).length) return;
      for (const name of ['registrations-1', 'gateway-1']) {
        stopped[name] = stack.pids()[name]!;
        process.kill(stopped[name]!, 'SIGTERM');
      }
    });
    expect(Object.keys(stopped)).toEqual(['registrations-1', 'gateway-1']);
    // Both drained and exited on their own (code 0), and the launcher started them again.
    for (const name of Object.keys(stopped)) {
      await eventually(() => logs.some((l) => l.includes(`${name} неожиданно завершился (код 0)`)), 20_000);
      await eventually(() => stack.pids()[name] !== undefined && stack.pids()[name] !== stopped[name], 20_000);
      expect(isAlive(stopped[name]!)).toBe(false);
    }
    await waitForHealthy(port, 30_000);
    expect((await health(port)).status).toBe(200);
    await expectNothingLostOrDuplicated(mc, results, sink);
    logs.push(`sigterm burst: ${results.length} registrations, ${retries} client retries`);
  }, 240_000);
});
