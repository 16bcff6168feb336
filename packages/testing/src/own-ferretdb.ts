import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/**
 * A FerretDB process of a test's own (infra/ferretdb/start.sh with its own state dir and port,
 * PostgreSQL backend when there is one), which the test may kill and start again: its data stays
 * (`FERRETDB_KEEP_DATA=1`) until `close()` drops it.
 */
export interface OwnFerretDb {
  url: string;
  port: number;
  /** The server's pid now. */
  pid(): number;
  /** SIGKILL, and resolve once the port refuses connections. */
  kill(): Promise<void>;
  /** Start it again on the same port with the same data (after `kill`). */
  restart(): Promise<void>;
  /** Stop it and drop its data. */
  close(): Promise<void>;
}

export async function startOwnFerretDb(opts: { stateDir: string; port: number }): Promise<OwnFerretDb> {
  const env = { ...process.env, FERRETDB_STATE: opts.stateDir, FERRETDB_PORT: String(opts.port) };
  const out = await script('start.sh', env);
  const url = /export MONGO_URL=(\S+)/.exec(out)?.[1];
  if (!url) throw new Error(`infra/ferretdb/start.sh gave no MONGO_URL: ${out}`);
  const port = Number(/:(\d+)\//.exec(url)?.[1]);
  const pid = () => Number(readFileSync(join(opts.stateDir, 'ferretdb.pid'), 'utf8').trim());
  return {
    url,
    port,
    pid,
    async kill() {
      process.kill(pid(), 'SIGKILL');
      const deadline = Date.now() + 10_000;
      while (await answers(port)) {
        if (Date.now() > deadline) throw new Error(`FerretDB still answers on ${port} 10 s after SIGKILL`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async restart() {
      const again = await script('start.sh', { ...env, FERRETDB_PORT: String(port), FERRETDB_KEEP_DATA: '1' });
      if (!again.includes(`:${port}/`)) throw new Error(`FerretDB came back on another port than ${port}: ${again}`);
    },
    async close() {
      await script('stop.sh', env);
    },
  };
}

function answers(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      res(true);
    });
    s.once('error', () => res(false));
  });
}

function script(name: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((res, rej) => {
    execFile('bash', [join(REPO_ROOT, 'infra', 'ferretdb', name)], { cwd: REPO_ROOT, env, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) rej(new Error(`infra/ferretdb/${name} failed: ${err.message}\n${stderr.split('\n').slice(-8).join('\n')}`));
      else res(stdout);
    });
  });
}
