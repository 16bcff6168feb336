/** The launcher's pieces without the services: log formatting, restarts, give-up, stop. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { join, resolve } from 'node:path';
import {
  checkNats,
  Console,
  describeHealth,
  firstHostPort,
  formatChildLine,
  LineSplitter,
  renderBanner,
  resolveSettings,
  SERVICE_NODE_FLAGS,
  serviceSpecs,
  Supervisor,
} from '../src';

const ROOT = resolve(__dirname, '..', '..', '..');

function recordingConsole(): Console & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    log: (source, level, message) => lines.push(`${source} ${level} ${message}`),
    raw: (text) => lines.push(text),
  };
}

async function until(cond: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('formatChildLine', () => {
  const now = () => new Date(2024, 0, 1, 9, 5, 7);

  it('turns a pino line into time, name, level, message and compact extras', () => {
    const time = new Date(2024, 0, 1, 14, 3, 9).toISOString();
    const line = JSON.stringify({ level: 'info', time, service: 'agreements', msg: 'agreement signed', correlationId: 'c1', id: 'a7' });
    expect(formatChildLine('agreements', line, { now })).toBe('14:03:09 agreements     info   agreement signed {"correlationId":"c1","id":"a7"}');
  });

  it('moves error stacks below the line and passes other text through', () => {
    const line = JSON.stringify({
      level: 'error',
      time: now().toISOString(),
      msg: 'boom',
      err: { type: 'Error', message: 'x', stack: 'Error: x\n    at f (a.js:1)' },
    });
    expect(formatChildLine('calendar', line, { now }).split('\n')).toEqual([
      '09:05:07 calendar       error  boom {"err":{"type":"Error","message":"x"}}',
      '    Error: x',
      '        at f (a.js:1)',
    ]);
    expect(formatChildLine('gateway', 'Invalid configuration:', { now })).toBe('09:05:07 gateway        Invalid configuration:');
    expect(formatChildLine('gateway', '{not json', { now })).toBe('09:05:07 gateway        {not json');
  });

  it('LineSplitter joins chunks into lines', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l));
    s.push('ab');
    s.push('c\r\nde\n\nf');
    s.flush();
    expect(lines).toEqual(['abc', 'de', 'f']);
  });
});

describe('settings, health text, banner', () => {
  it('defaults and overrides', () => {
    const s = resolveSettings({}, '/repo');
    expect(s).toMatchObject({
      natsUrl: undefined,
      natsPort: 4222,
      instances: 1,
      mongoUrl: undefined,
      port: 8080,
      publicUrl: 'http://localhost:8080',
      dataDir: '/repo/.data',
      smtpPort: 1025,
      mongoDbPrefix: 'tochka',
      subjectPrefix: 'tochka',
      jwtSecretGenerated: true,
    });
    expect(s.jwtSecret).toHaveLength(64);
    const t = resolveSettings({ PORT: '9000', JWT_SECRET: 'x'.repeat(32), DEV_DATA_DIR: '/tmp/d' }, '/repo');
    expect(t).toMatchObject({ port: 9000, publicUrl: 'http://localhost:9000', jwtSecret: 'x'.repeat(32), jwtSecretGenerated: false, dataDir: '/tmp/d' });
    expect(() => resolveSettings({ PORT: 'abc' })).toThrow('PORT=abc');
  });

  it('takes the number of instances from --instances or INSTANCES', () => {
    expect(resolveSettings({ INSTANCES: '3' }, '/repo').instances).toBe(3);
    expect(resolveSettings({ INSTANCES: '3' }, '/repo', ['--instances', '2']).instances).toBe(2);
    expect(resolveSettings({}, '/repo', ['--instances=4']).instances).toBe(4);
    expect(() => resolveSettings({}, '/repo', ['--instances', '0'])).toThrow('--instances=0: ожидается число процессов каждого сервиса от 1 до 16');
    expect(() => resolveSettings({ INSTANCES: 'two' }, '/repo')).toThrow('INSTANCES=two');
    expect(() => resolveSettings({}, '/repo', ['--instanses', '2'])).toThrow('неизвестный ключ --instanses');
  });

  it('runs the containers with the same Node flags as the launcher', () => {
    const cmd = readFileSync(join(ROOT, 'infra/docker/Dockerfile'), 'utf8').match(/^CMD .*$/m)?.[0];
    expect(cmd).toContain(`exec node ${SERVICE_NODE_FLAGS.join(' ')} services/`);
  });

  it('names N processes per service; the gateways share the port', () => {
    const one = serviceSpecs(['agreements', 'gateway'], 1, '/repo', { A: '1' });
    expect(one.map((s) => s.name)).toEqual(['agreements', 'gateway']);
    expect(one[1].env.GATEWAY_REUSE_PORT).toBeUndefined();
    const two = serviceSpecs(['agreements', 'gateway'], 2, '/repo', { A: '1' });
    expect(two.map((s) => s.name)).toEqual(['agreements-1', 'agreements-2', 'gateway-1', 'gateway-2']);
    // Every service with the same Node flags (its heap's limits), then its entry file.
    expect(two.map((s) => s.args)).toEqual([
      ['--max-semi-space-size=16', '--heap-growing-percent=50', '/repo/services/agreements/dist/main.js'],
      ['--max-semi-space-size=16', '--heap-growing-percent=50', '/repo/services/agreements/dist/main.js'],
      ['--max-semi-space-size=16', '--heap-growing-percent=50', '/repo/services/gateway/dist/main.js'],
      ['--max-semi-space-size=16', '--heap-growing-percent=50', '/repo/services/gateway/dist/main.js'],
    ]);
    expect(two.map((s) => s.env.GATEWAY_REUSE_PORT)).toEqual([undefined, undefined, 'true', 'true']);
    expect(two.map((s) => s.env.METRICS_PORT)).toEqual([undefined, undefined, undefined, undefined]);
    const measured = serviceSpecs(['agreements', 'gateway'], 2, '/repo', { METRICS_PORT: '9400' });
    expect(measured.map((s) => s.env.METRICS_PORT)).toEqual(['9400', '9401', '9402', '9403']);
  });

  it('parses NATS URLs', () => {
    expect(firstHostPort('nats://u:p@nats.local:4333,nats://other:4222', 4222)).toEqual({ host: 'nats.local', port: 4333 });
    expect(firstHostPort('nats://127.0.0.1', 4222)).toEqual({ host: '127.0.0.1', port: 4222 });
  });

  it('says what is down', () => {
    expect(describeHealth({ ok: false, error: 'ECONNREFUSED' })).toBe('шлюз не отвечает (ECONNREFUSED)');
    expect(describeHealth({ ok: false, status: 503, body: { down: ['calendar', 'mongo'] } })).toBe('недоступны: calendar, mongo');
    expect(describeHealth({ ok: true, status: 200, body: { status: 'degraded', degraded: ['notifications: smtp'] } })).toBe(
      'работают с ограничениями: notifications: smtp',
    );
    expect(describeHealth({ ok: true, status: 200, body: { status: 'up', degraded: [] } })).toBe('все сервисы работают');
  });

  it('banner hides SMTP passwords', () => {
    const settings = resolveSettings({ SMTP_URL: 'smtp://user:secret@mail.example.ru:587' }, '/repo');
    const text = renderBanner({
      settings,
      natsUrl: 'nats://127.0.0.1:4222',
      mongoUrl: 'mongodb://127.0.0.1:27017',
      smtpUrl: settings.smtpUrl!,
      mailDir: undefined,
      gatewayUrl: 'http://127.0.0.1:8080',
      console: recordingConsole(),
    });
    expect(text).toContain('smtp://user:***@mail.example.ru:587');
    expect(text).not.toContain('secret');
    expect(text).toContain('http://localhost:8080/api/docs');
  });
});

describe('checkNats', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  it('explains how to start NATS when nothing answers', async () => {
    server = createServer();
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    await expect(checkNats(`nats://127.0.0.1:${port}`)).rejects.toThrow(/NATS не отвечает[\s\S]*nats-server -js[\s\S]*уберите NATS_URL/);
  });

  it('refuses a NATS without JetStream', async () => {
    server = createServer((socket) => socket.end('INFO {"server_id":"x","jetstream":false}\r\n'));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    await expect(checkNats(`nats://127.0.0.1:${port}`)).rejects.toThrow(/JetStream выключен/);
  });
});

describe('Supervisor', () => {
  const node = process.execPath;

  it('restarts a crashing child, then gives up after maxRestarts within the window', async () => {
    const con = recordingConsole();
    let gaveUp = '';
    const sup = new Supervisor({
      console: con,
      restartDelayMs: 30,
      maxRestarts: 2,
      onGiveUp: (name) => (gaveUp = name),
    });
    sup.start([
      {
        name: 'flaky',
        command: node,
        args: ['-e', 'console.log(JSON.stringify({level:"warn",msg:"going down"})); process.exit(3)'],
        cwd: ROOT,
        env: process.env,
      },
    ]);
    await until(() => gaveUp !== '', 10_000);
    expect(gaveUp).toBe('flaky');
    expect(con.lines.filter((l) => /^dev-stack info started flaky pid \d+$/.test(l))).toHaveLength(3);
    expect(con.lines.filter((l) => l.includes('неожиданно завершился (код 3); перезапуск'))).toHaveLength(2);
    expect(con.lines.some((l) => /flaky +warn +going down/.test(l))).toBe(true);
    await sup.stop();
  });

  it('stops children with SIGTERM and uses SIGKILL for those that ignore it', async () => {
    const con = recordingConsole();
    const sup = new Supervisor({ console: con, stopTimeoutMs: 500, onGiveUp: () => undefined });
    const stubborn = "process.on('SIGTERM', () => console.log('ignoring')); console.log('ready'); setInterval(() => {}, 1000)";
    sup.start([
      { name: 'polite', command: node, args: ['-e', "console.log('ready'); setInterval(() => {}, 1000)"], cwd: ROOT, env: process.env },
      { name: 'stubborn', command: node, args: ['-e', stubborn], cwd: ROOT, env: process.env },
    ]);
    await until(() => con.lines.filter((l) => l.endsWith('ready')).length === 2, 10_000);
    const pids = Object.values(sup.pids());
    expect(pids).toHaveLength(2);
    await sup.stop();
    expect(con.lines).toContain('dev-stack info polite остановлен (сигнал SIGTERM)');
    expect(con.lines).toContain('dev-stack info stubborn остановлен (сигнал SIGKILL)');
    expect(con.lines.some((l) => l.includes('завершаю принудительно (SIGKILL): stubborn'))).toBe(true);
    expect(sup.pids()).toEqual({});
  });
});

describe('launcher process', () => {
  const launcher = join(ROOT, 'infra', 'dev-stack', 'dist', 'start.js');

  it('exits 1 with a hint when NATS does not answer', async () => {
    if (!existsSync(launcher)) throw new Error('run pnpm build first (infra/dev-stack/dist/start.js is missing)');
    const child = spawn(process.execPath, [launcher], {
      cwd: ROOT,
      env: { ...process.env, NATS_URL: 'nats://127.0.0.1:1', MONGO_URL: 'mongodb://127.0.0.1:1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c));
    child.stderr.on('data', (c: Buffer) => (text += c));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(text).toContain('NATS не отвечает на nats://127.0.0.1:1');
    expect(text).toContain('nats-server -js');
  });
});

describe('the Node check that runs before `pnpm build` in `pnpm start`', () => {
  const { problem } = require('../check-node.js') as { problem(version: string): string | null };

  it('tells an older Node which version is needed and how to get it, in Russian and English', () => {
    const text = problem('v20.20.2')!;
    expect(text).toContain('Нужен Node.js 24 или новее, а запущен v20.20.2.');
    expect(text).toContain('nvm install 24');
    expect(text).toContain('Node.js 24 or newer is required, this is v20.20.2');
    expect(problem('v24.0.0')).toBeNull();
    expect(problem(process.version)).toBeNull();
  });

  it('comes first in the start and seed scripts', () => {
    const { scripts } = require('../../../package.json') as { scripts: Record<string, string> };
    expect(scripts.start.startsWith('node infra/dev-stack/check-node.js && pnpm build')).toBe(true);
    expect(scripts.seed.startsWith('node infra/dev-stack/check-node.js && pnpm build')).toBe(true);
  });
});
