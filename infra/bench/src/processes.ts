import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serviceSpec } from '@tochka/dev-stack';
import type { ServiceName } from '@tochka/contracts';
import type { TestEnv } from '@tochka/testing';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ on Linux). */
export const TICKS = 100;

/**
 * The FerretDB process listening on `port` and, on PostgreSQL, its backends (database
 * `ferretdb_<port>`; `backends: false`: the FerretDB process alone).
 */
export function databaseProcesses(port: string, { backends = true } = {}): number[] {
  return processesWhere((args) => {
    const cmdline = args.join(' ');
    return cmdline.includes(`--listen-addr=127.0.0.1:${port}`) || (backends && cmdline.includes(` ferretdb_${port} `));
  });
}

/** Processes whose command is `name` (its path's last part), e.g. `nats-server`. */
export function processesNamed(name: string): number[] {
  return processesWhere(([command = '']) => command === name || command.endsWith(`/${name}`));
}

/** The processes whose command line (its arguments, /proc/<pid>/cmdline) passes `test`. */
function processesWhere(test: (args: string[]) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (test(readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0'))) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** utime + stime of the processes, in clock ticks (a process gone meanwhile counts as 0). */
export function ticksOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks;
}

/**
 * CPU seconds each group of processes uses from now until `stop()`; the groups are asked for
 * again at the end, so a process that started meanwhile (a database backend) counts all its
 * time, and one that ended meanwhile counts nothing instead of taking its earlier time away.
 */
export function cpuMeter(groups: () => number[][]): { stop(): number[] } {
  const ticksOne = (pid: number) => ticksOf([pid]);
  const before = new Map(groups().flatMap((pids) => pids.map((pid) => [pid, ticksOne(pid)] as const)));
  return {
    stop: () =>
      groups().map(
        (pids) =>
          pids.reduce((sum, pid) => {
            const now = ticksOne(pid);
            return sum + Math.max(0, now - (before.get(pid) ?? 0));
          }, 0) / TICKS,
      ),
  };
}

/** Resident memory now (VmRSS) and at its peak (VmHWM) of a process, in MB; undefined when it is gone. */
export function memoryOf(pid: number | 'self'): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return undefined;
  }
}

/** The machine's CPU time so far (all cores, /proc/stat): busy and total, in clock ticks. */
export function machineCpu(): { busy: number; total: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const ticks = fields.map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

export const machineBusy = (a: { busy: number; total: number }, b: { busy: number; total: number }) => (b.busy - a.busy) / Math.max(1, b.total - a.total);

/** A service in its own process, with this run's settings (as `pnpm start` runs it). */
export async function spawnService(name: ServiceName, env: TestEnv, extra: Record<string, unknown> = {}): Promise<ChildProcess> {
  const settings = Object.fromEntries(Object.entries(env.overrides(name, extra)).map(([k, v]) => [k, String(v)]));
  const spec = serviceSpec(name, resolve(__dirname, '../../..'), { ...process.env, ...settings });
  const child = spawn(spec.command, spec.args, { env: spec.env, stdio: ['ignore', 'ignore', 'inherit'] });
  await new Promise<void>((ok, fail) => {
    child.once('spawn', ok);
    child.once('error', fail);
  });
  return child;
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  child.kill('SIGTERM');
  await exited;
}
