import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BackingError, EmbeddedMongo } from './backing';

/**
 * MongoDB without mongod: FerretDB 1.24 with its SQLite backend, data kept in `<stateDir>/sqlite`
 * between runs. `infra/ferretdb/start.sh` builds the binary once (cached) and starts it on the
 * first free port from `preferredPort`; `stop.sh` stops it and keeps the data.
 */
export async function startFerretDbFallback(opts: {
  repoRoot: string;
  stateDir: string;
  preferredPort: number;
  onLine: (line: string) => void;
}): Promise<EmbeddedMongo> {
  const env = ferretEnv(opts.stateDir, opts.preferredPort);
  const out = await runScript(opts.repoRoot, 'start.sh', env, opts.onLine).catch((err: Error) => {
    throw new BackingError(
      [
        `Не удалось запустить и встроенную MongoDB, и запасной FerretDB: ${err.message}`,
        'Укажите готовую MongoDB в MONGO_URL (например docker run -d -p 27017:27017 mongo:7 && export MONGO_URL=mongodb://127.0.0.1:27017).',
        '(Neither mongod nor the FerretDB fallback could be started; set MONGO_URL.)',
      ].join('\n'),
    );
  });
  const url = /export MONGO_URL=(\S+)/.exec(out)?.[1];
  if (!url) throw new BackingError(`infra/ferretdb/start.sh не сообщил адрес: ${out.trim()}`);
  return {
    url: url.replace(/^'|'$/g, ''),
    dbPath: join(opts.stateDir, 'sqlite'),
    kind: 'ferretdb',
    stop: async () => {
      await runScript(opts.repoRoot, 'stop.sh', env, () => undefined);
    },
    killNow: () => {
      try {
        const pid = Number(readFileSync(join(opts.stateDir, 'ferretdb.pid'), 'utf8').trim());
        if (pid > 0) process.kill(pid, 'SIGKILL');
      } catch {
        // not running
      }
    },
  };
}

/** Whether an earlier run fell back to FerretDB here and left data (then it is used again directly). */
export function hasFerretDbData(stateDir: string): boolean {
  try {
    return readdirSync(join(stateDir, 'sqlite')).some((f) => f.endsWith('.sqlite'));
  } catch {
    return false;
  }
}

function ferretEnv(stateDir: string, port: number): NodeJS.ProcessEnv {
  return { ...process.env, FERRETDB_STATE: stateDir, FERRETDB_BACKEND: 'sqlite', FERRETDB_PORT: String(port), FERRETDB_KEEP_DATA: '1' };
}

function runScript(repoRoot: string, script: string, env: NodeJS.ProcessEnv, onLine: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let lastLines: string[] = [];
    const child = execFile('bash', [join(repoRoot, 'infra', 'ferretdb', script)], { cwd: repoRoot, env }, (err, stdout) => {
      if (err) reject(new Error(lastLines.slice(-3).join(' / ') || err.message));
      else resolve(stdout);
    });
    let buf = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = buf
          .slice(0, nl)
          .replace(/^\[ferretdb\] /, '')
          .trim();
        buf = buf.slice(nl + 1);
        if (!line) continue;
        lastLines = [...lastLines.slice(-9), line];
        onLine(line);
      }
    });
  });
}
