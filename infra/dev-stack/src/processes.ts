import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Console, formatChildLine, LineSplitter } from './format';

/** One supervised process. */
export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * The Node flags every service runs with, here, in the benchmarks and in infra/docker/Dockerfile.
 * On a machine with much memory V8 gives each young-generation semi-space 64 MB (128 MB of new
 * space under load) and lets the old generation grow up to four times what a full collection
 * left alive before the next one: a service whose live objects are 40–80 MB peaked at 340–440 MB
 * in the benchmarks. With 16 MB semi-spaces and the old generation growing by half before a full
 * collection, each stays under 300 MB (README "Benchmarks": memory, and what it costs).
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16', '--heap-growing-percent=50'];

/** `node <SERVICE_NODE_FLAGS> services/<name>/dist/main.js` with the launcher's own Node binary. */
export function serviceSpec(name: string, repoRoot: string, env: NodeJS.ProcessEnv): ChildSpec {
  return { name, command: process.execPath, args: [...SERVICE_NODE_FLAGS, serviceEntry(repoRoot, name)], cwd: repoRoot, env };
}

/**
 * `instances` processes of every service, in the order of `names`: `registrations` alone, or
 * `registrations-1` … `registrations-N`. Instances share the work by themselves (NATS queue groups,
 * durable consumers); the gateways share one port (SO_REUSEPORT, GATEWAY_REUSE_PORT).
 */
export function serviceSpecs(names: readonly string[], instances: number, repoRoot: string, env: NodeJS.ProcessEnv): ChildSpec[] {
  const specs: ChildSpec[] = [];
  // METRICS_PORT given to the launcher: the first process's; the others count up from it.
  const metricsBase = env.METRICS_PORT ? Number(env.METRICS_PORT) : undefined;
  for (const name of names) {
    for (let i = 1; i <= instances; i++) {
      const own: NodeJS.ProcessEnv = { ...env };
      if (instances > 1 && name === 'gateway') own.GATEWAY_REUSE_PORT = 'true';
      if (metricsBase !== undefined) own.METRICS_PORT = String(metricsBase + specs.length);
      const spec = serviceSpec(name, repoRoot, own);
      specs.push(instances > 1 ? { ...spec, name: `${name}-${i}` } : spec);
    }
  }
  return specs;
}

export function serviceEntry(repoRoot: string, name: string): string {
  return join(repoRoot, 'services', name, 'dist', 'main.js');
}

/** Entry files that do not exist yet (the build has not run). */
export function missingEntries(repoRoot: string, names: readonly string[]): string[] {
  return names.map((n) => serviceEntry(repoRoot, n)).filter((file) => !existsSync(file));
}

export interface SupervisorOptions {
  console: Console;
  /** ANSI colours in the children's lines. */
  color?: boolean;
  /** Pause before a crashed child is started again; default 1 s. */
  restartDelayMs?: number;
  /** More restarts than this within `restartWindowMs` means give up; default 5 per minute. */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** After SIGTERM, wait this long before SIGKILL; default 10 s. */
  stopTimeoutMs?: number;
  /**
   * Own process group per child (not on Windows): Ctrl+C in the terminal then reaches only the
   * launcher, which stops the children in order instead of racing them. Default true.
   */
  detached?: boolean;
  /** A child crashed too often; the launcher should stop everything. */
  onGiveUp(name: string, reason: string): void;
}

interface ChildState {
  spec: ChildSpec;
  proc?: ChildProcess;
  /** Resolves when the current process has exited and its output is flushed. */
  closed?: Promise<void>;
  /** Times of the restarts within the window. */
  restarts: number[];
  restartTimer?: NodeJS.Timeout;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `сигнал ${signal}`;
  return `код ${code}`;
}

/** Starts the services, prints their logs readably, restarts the ones that crash, stops them all. */
export class Supervisor {
  private readonly children = new Map<string, ChildState>();
  private stopping = false;
  private readonly restartDelayMs: number;
  private readonly maxRestarts: number;
  private readonly restartWindowMs: number;
  private readonly stopTimeoutMs: number;
  private readonly detached: boolean;

  constructor(private readonly opts: SupervisorOptions) {
    this.restartDelayMs = opts.restartDelayMs ?? 1000;
    this.maxRestarts = opts.maxRestarts ?? 5;
    this.restartWindowMs = opts.restartWindowMs ?? 60_000;
    this.stopTimeoutMs = opts.stopTimeoutMs ?? 10_000;
    this.detached = (opts.detached ?? true) && process.platform !== 'win32';
  }

  start(specs: ChildSpec[]): void {
    for (const spec of specs) {
      const state: ChildState = { spec, restarts: [] };
      this.children.set(spec.name, state);
      this.spawnChild(state);
    }
  }

  /** Pids of the running children, by name. */
  pids(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, s] of this.children) {
      if (s.proc?.pid !== undefined && s.proc.exitCode === null && s.proc.signalCode === null) out[name] = s.proc.pid;
    }
    return out;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** SIGTERM to every child, SIGKILL to those still running after `stopTimeoutMs`. */
  async stop(): Promise<void> {
    this.stopping = true;
    const running: ChildState[] = [];
    for (const s of this.children.values()) {
      if (s.restartTimer) clearTimeout(s.restartTimer);
      s.restartTimer = undefined;
      if (s.proc && s.closed && this.isAlive(s.proc)) {
        running.push(s);
        this.signal(s.proc, 'SIGTERM');
      }
    }
    if (!running.length) return;
    const all = Promise.all(running.map((s) => s.closed));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      all.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), this.stopTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      const stuck = running.filter((s) => s.proc && this.isAlive(s.proc));
      this.opts.console.log(
        'dev-stack',
        'warn',
        `не остановились за ${this.stopTimeoutMs / 1000} с, завершаю принудительно (SIGKILL): ${stuck.map((s) => s.spec.name).join(', ')}`,
      );
      this.killNow();
      await all;
    }
  }

  /** SIGKILL to every child still running (second Ctrl+C, or the launcher is exiting). Synchronous. */
  killNow(): void {
    this.stopping = true;
    for (const s of this.children.values()) {
      if (s.restartTimer) clearTimeout(s.restartTimer);
      if (s.proc && this.isAlive(s.proc)) this.signal(s.proc, 'SIGKILL');
    }
  }

  private isAlive(proc: ChildProcess): boolean {
    return proc.pid !== undefined && proc.exitCode === null && proc.signalCode === null;
  }

  private signal(proc: ChildProcess, signal: NodeJS.Signals): void {
    try {
      proc.kill(signal);
    } catch {
      // already gone
    }
  }

  private spawnChild(state: ChildState): void {
    const { spec } = state;
    const { console } = this.opts;
    const proc = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: this.detached,
    });
    state.proc = proc;
    const print = (line: string) => console.raw(formatChildLine(spec.name, line, { color: this.opts.color }));
    const out = new LineSplitter(print);
    const err = new LineSplitter(print);
    proc.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    proc.stderr?.on('data', (chunk: Buffer) => err.push(chunk));

    state.closed = new Promise<void>((resolve) => {
      let spawnError: Error | undefined;
      proc.once('error', (e) => {
        spawnError = e;
        // no 'close' follows a failed spawn
        if (proc.pid === undefined) finish(null, null);
      });
      let done = false;
      const finish = (code: number | null, signal: NodeJS.Signals | null) => {
        if (done) return;
        done = true;
        out.flush();
        err.flush();
        resolve();
        if (state.proc === proc) this.onExit(state, code, signal, spawnError);
      };
      proc.once('close', (code, signal) => finish(code, signal));
    });

    if (proc.pid !== undefined) console.log('dev-stack', 'info', `started ${spec.name} pid ${proc.pid}`);
  }

  private onExit(state: ChildState, code: number | null, signal: NodeJS.Signals | null, spawnError?: Error): void {
    const { console } = this.opts;
    const name = state.spec.name;
    if (this.stopping) {
      console.log('dev-stack', 'info', `${name} остановлен (${describeExit(code, signal)})`);
      return;
    }
    const why = spawnError ? `не запустился: ${spawnError.message}` : `неожиданно завершился (${describeExit(code, signal)})`;
    const now = Date.now();
    state.restarts = state.restarts.filter((t) => now - t < this.restartWindowMs);
    if (state.restarts.length >= this.maxRestarts) {
      const reason = `${name} ${why}; уже ${state.restarts.length} перезапусков за ${Math.round(this.restartWindowMs / 1000)} с — сдаюсь`;
      console.log('dev-stack', 'error', reason);
      this.opts.onGiveUp(name, reason);
      return;
    }
    state.restarts.push(now);
    console.log('dev-stack', 'error', `${name} ${why}; перезапуск через ${this.restartDelayMs / 1000} с`);
    state.restartTimer = setTimeout(() => {
      state.restartTimer = undefined;
      if (!this.stopping) this.spawnChild(state);
    }, this.restartDelayMs);
  }
}
