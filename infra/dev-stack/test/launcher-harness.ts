/** Helpers for tests that run the built launcher (`pnpm start`), as a child process or in this one. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@tochka/gateway';
import { Api, createTestEnv, SmtpSink, startSmtpSink, TestEnv } from '@tochka/testing';
import { Console } from '../src/format';
import { missingEntries } from '../src/processes';
import { REPO_ROOT, SERVICES, settingsOn } from '../src/settings';
import { DevStack } from '../src/start';

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => res(port));
    });
  });
}

function portFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const server = createServer();
    server.once('error', () => res(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => res(true)));
  });
}

/** `count` free ports from the ops engineer's range (18500-18599), each with `gap` free ports after it. */
export async function portsInRange(count: number, gap = 0, from = 18500, to = 18599): Promise<number[]> {
  const found: number[] = [];
  for (let p = from; p <= to - gap && found.length < count; p++) {
    let ok = true;
    for (let q = p; q <= p + gap && ok; q++) ok = await portFree(q);
    if (ok) {
      found.push(p);
      p += gap;
    }
  }
  if (found.length < count) throw new Error(`not enough free ports in ${from}-${to}`);
  return found;
}

/** Everything the launcher prints, with a way to wait for a line. */
export class Output {
  text = '';
  private waiters: (() => void)[] = [];

  push(chunk: Buffer): void {
    this.text += chunk.toString('utf8');
    for (const w of this.waiters.slice()) w();
  }

  tail(n = 60): string {
    return this.text.split('\n').slice(-n).join('\n');
  }

  /** Resolves with the first match of `re` found after character `from`. */
  waitFor(re: RegExp, timeoutMs: number, from = 0): Promise<RegExpExecArray> {
    return new Promise((res, rej) => {
      const check = () => {
        const m = new RegExp(re.source, re.flags.replace('g', '')).exec(this.text.slice(from));
        if (!m) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        res(m);
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        rej(new Error(`launcher did not print ${re} within ${timeoutMs} ms; last output:\n${this.tail()}`));
      }, timeoutMs);
      this.waiters.push(check);
      check();
    });
  }

  /** Latest pid per service from the `started <name> pid <pid>` lines. */
  pids(): Record<string, number> {
    const pids: Record<string, number> = {};
    for (const m of this.text.matchAll(/started (\S+) pid (\d+)/g)) pids[m[1]] = Number(m[2]);
    return pids;
  }
}

/** Running, and not a zombie waiting for its (re)parent to reap it. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return existsSync(`/proc/${pid}`) || process.platform !== 'linux';
  }
}

export async function health(port: number): Promise<{ status: number; body: { services?: Record<string, string>; down?: string[] } }> {
  const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: (await res.json()) as { services?: Record<string, string>; down?: string[] } };
}

export async function waitForHealthy(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const h = await health(port);
      if (h.status === 200) return;
      last = `${h.status} ${JSON.stringify(h.body)}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`/health not 200 within ${timeoutMs} ms: ${last}`);
}

/** Sign in as `email` and count the agreements the gateway lists. */
export async function agreementsSeenBy(port: number, email: string, password: string): Promise<number> {
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`login ${email}: ${login.status} ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const list = await fetch(`http://127.0.0.1:${port}/api/agreements?limit=1`, { headers: { authorization: `Bearer ${accessToken}` } });
  return ((await list.json()) as { total: number }).total;
}

/**
 * Agreements the district seed reported loading: the 2022 agreements plus the current school
 * year's demo agreements (signed, awaiting signatures, drafts), from the launcher's log.
 */
export function seededAgreements(log: string): number {
  const district = /данные района: соглашения: загружено (\d+)/.exec(log);
  if (!district) throw new Error('the seed did not report its agreements');
  const current = /соглашений подписано (\d+), ждут подписей (\d+), черновиков (\d+)/.exec(log);
  return Number(district[1]) + (current ? Number(current[1]) + Number(current[2]) + Number(current[3]) : 0);
}

/** The built services run by the launcher's own code in this process, on a test's prefix, databases and port. */
export interface LaunchedStack {
  env: TestEnv;
  sink: SmtpSink;
  stack: DevStack;
  /** The gateway, unauthenticated. */
  api: Api;
  /** What the processes and the account command printed. */
  logs: string[];
  /** Stop every process (SIGKILL to any that outlives the stop), the sink, and remove the data. */
  stop(): Promise<void>;
}

/**
 * Start the launcher in-process with fast redelivery and sweeps, mail to an SMTP sink, and one
 * coordinator account (`coordinator`, `password`). `processEnv` is set for the child processes
 * and removed again by `stop`; `settings` are added to the launcher's own (e.g. `INSTANCES`).
 */
export async function launchStack(opts: {
  name: string;
  port: number;
  coordinator: string;
  password: string;
  processEnv?: Record<string, string>;
  settings?: Record<string, string>;
}): Promise<LaunchedStack> {
  if (missingEntries(REPO_ROOT, SERVICES).length) throw new Error('run pnpm build first');
  const env = createTestEnv();
  const sink = await startSmtpSink();
  const dataDir = mkdtempSync(join(tmpdir(), `${opts.name}-`));
  const logs: string[] = [];
  const quietConsole: Console = { log: (source, level, message) => logs.push(`${source} ${level} ${message}`), raw: (text) => logs.push(text) };
  Object.assign(process.env, { EVENT_BACKOFF_MS: '200,500,1000', OUTBOX_SWEEP_MS: '300', JETSTREAM_STORAGE: 'memory', ...opts.processEnv });
  const stack = new DevStack(
    settingsOn({ natsUrl: env.natsUrl, mongoUrl: env.mongoUrl, smtpUrl: sink.url, prefix: env.prefix, port: opts.port, dataDir }, opts.settings),
    { steps: [], console: quietConsole, healthTimeoutMs: 90_000 },
  );
  const stop = async () => {
    for (const key of Object.keys(opts.processEnv ?? {})) delete process.env[key];
    const pids = Object.values(stack.pids());
    await stack.stop();
    for (const pid of pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    await sink.close();
    await env.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await stack.start();
    const created = await runCli(
      ['users:create', '--email', opts.coordinator, '--role', 'coordinator', '--org', 'mk-moshr', '--name', 'Бондаренко И.В.'],
      { MONGO_URL: env.mongoUrl, MONGO_DB_PREFIX: env.prefix, NATS_URL: env.natsUrl, SUBJECT_PREFIX: env.prefix, USER_PASSWORD: opts.password },
      { log: () => undefined, error: (s: string) => logs.push(s) } as unknown as Console & typeof console,
    );
    if (created !== 0) throw new Error(`users:create exited ${created}: ${logs.slice(-5).join('\n')}`);
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
  return { env, sink, stack, api: new Api(`http://127.0.0.1:${opts.port}`), logs, stop };
}
