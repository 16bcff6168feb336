import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, open } from 'node:fs/promises';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { BackingError, isPortFree, probeTcp } from './backing';

export interface EmbeddedNats {
  url: string;
  /** JetStream store (`-sd`) and log. */
  dataDir: string;
  binary: string;
  pid: number | undefined;
  stop(): Promise<void>;
  /** SIGKILL now (the launcher is exiting). */
  killNow(): void;
}

/**
 * The path of a nats-server: `infra/nats/binary.sh` looks in PATH and /usr/sbin and otherwise
 * builds one from the Go module proxy into the cache; it fails naming the install command.
 * `onLine` gets the script's progress lines (a build takes a minute or two, once).
 */
export function findNatsServer(repoRoot: string, onLine: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('bash', [join(repoRoot, 'infra', 'nats', 'binary.sh')], { cwd: repoRoot }, (err, stdout) => {
      const path = stdout.trim().split('\n').pop();
      if (err || !path) {
        reject(
          new BackingError(
            [
              'NATS не отвечает, а nats-server не установлен и собрать его не удалось (нет Go или модульного прокси Go).',
              'Установите его одной командой: sudo apt-get install nats-server',
              '(или скачайте с https://github.com/nats-io/nats-server/releases), либо укажите работающий сервер в NATS_URL.',
              '(No NATS is answering and no nats-server could be found or built: `sudo apt-get install nats-server`, or set NATS_URL.)',
            ].join('\n'),
          ),
        );
        return;
      }
      resolve(path);
    });
    let buf = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = buf
          .slice(0, nl)
          .replace(/^\[nats\] /, '')
          .trim();
        buf = buf.slice(nl + 1);
        if (line) onLine(line);
      }
    });
  });
}

/** A free TCP port on loopback chosen by the kernel. */
export function anyFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `nats-server -js` on loopback with its store in `dataDir` (kept between runs), on
 * `preferredPort` when free, else on any free port. Own process group: Ctrl+C in the terminal
 * reaches the launcher, which stops NATS after the services.
 */
export async function startEmbeddedNats(opts: { binary: string; dataDir: string; preferredPort: number; waitMs?: number }): Promise<EmbeddedNats> {
  const host = '127.0.0.1';
  await mkdir(opts.dataDir, { recursive: true });
  const port = (await isPortFree(opts.preferredPort, host)) ? opts.preferredPort : await anyFreePort(host);
  const logFile = await open(join(opts.dataDir, 'nats-server.log'), 'a');
  let proc: ChildProcess;
  try {
    proc = spawn(opts.binary, ['-js', '-a', host, '-p', String(port), '-sd', opts.dataDir, '-n', 'tochka-dev'], {
      stdio: ['ignore', logFile.fd, logFile.fd],
      detached: process.platform !== 'win32',
    });
  } finally {
    await logFile.close();
  }
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const closed = new Promise<void>((resolve) => {
    proc.once('error', () => {
      exited ??= { code: null, signal: null };
      resolve();
    });
    proc.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });

  const url = `nats://${host}:${port}`;
  const deadline = Date.now() + (opts.waitMs ?? 20_000);
  let ready = false;
  while (!exited && Date.now() < deadline) {
    try {
      const line = await probeTcp({ host, port }, 1000, 1000);
      if (line?.startsWith('INFO ')) {
        ready = true;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const killNow = () => {
    if (!exited) {
      try {
        proc.kill('SIGKILL');
      } catch {
        // gone
      }
    }
  };
  if (!ready) {
    killNow();
    await closed;
    throw new BackingError(
      `nats-server (${opts.binary}) не запустился на ${url}: смотрите ${join(opts.dataDir, 'nats-server.log')} ` + `(nats-server did not start; see its log).`,
    );
  }
  return {
    url,
    dataDir: opts.dataDir,
    binary: opts.binary,
    pid: proc.pid,
    killNow,
    async stop() {
      if (exited) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(killNow, 10_000);
      await closed;
      clearTimeout(timer);
    },
  };
}
