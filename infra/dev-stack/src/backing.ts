import { mkdir } from 'node:fs/promises';
import { createServer, connect, Socket } from 'node:net';
import { join, relative } from 'node:path';
import { startSmtpSink } from '@tochka/smtp-sink';
import type { SinkMessage, SmtpSink } from '@tochka/smtp-sink';

/** A backing service the launcher could not provide; `message` is what the user reads (Russian). */
export class BackingError extends Error {}

export interface HostPort {
  host: string;
  port: number;
}

/** Host and port of the first server in a URL list like `nats://user:pw@host:4222,nats://other:4222`. */
export function firstHostPort(url: string, defaultPort: number): HostPort {
  const first = (url.split(',')[0] ?? '').trim();
  const parsed = new URL(first.includes('://') ? first : `nats://${first}`);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  return { host, port: parsed.port ? Number(parsed.port) : defaultPort };
}

/**
 * Open a TCP connection and resolve with the first line the server sends within `lineTimeoutMs`
 * (NATS greets with `INFO {...}`; MongoDB sends nothing, which is fine: undefined).
 * Rejects when nothing accepts the connection within `connectTimeoutMs`.
 */
export function probeTcp(target: HostPort, connectTimeoutMs = 2000, lineTimeoutMs = 0): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: target.host, port: target.port });
    let settled = false;
    let data = '';
    const finish = (err: Error | undefined, line?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(line);
    };
    let timer = setTimeout(() => finish(new Error(`no answer within ${connectTimeoutMs} ms`)), connectTimeoutMs);
    socket.once('error', (err) => finish(err));
    socket.once('connect', () => {
      clearTimeout(timer);
      if (lineTimeoutMs <= 0) return finish(undefined);
      timer = setTimeout(() => finish(undefined, data || undefined), lineTimeoutMs);
      socket.on('data', (chunk) => {
        data += chunk.toString('utf8');
        const nl = data.indexOf('\n');
        if (nl >= 0) finish(undefined, data.slice(0, nl).trim());
      });
    });
  });
}

/** Step 1: a NATS server with JetStream must answer on `natsUrl`. */
export async function checkNats(natsUrl: string): Promise<void> {
  let target: HostPort;
  try {
    target = firstHostPort(natsUrl, 4222);
  } catch {
    throw new BackingError(`NATS_URL=${natsUrl}: не похоже на адрес вида nats://127.0.0.1:4222`);
  }
  let greeting: string | undefined;
  try {
    greeting = await probeTcp(target, 2000, 2000);
  } catch (err) {
    throw new BackingError(
      [
        `NATS не отвечает на ${natsUrl} (${(err as Error).message}).`,
        'Запустите NATS с JetStream, например:',
        '  docker run -d --name tochka-nats -p 4222:4222 nats:2.10-alpine -js',
        '  или в Debian/Ubuntu: sudo apt-get install nats-server && nats-server -js',
        '  (или eval "$(bash infra/nats/ensure.sh)" — поставит и запустит nats-server сам)',
        'либо укажите работающий сервер в NATS_URL.',
        `(NATS is not answering on ${natsUrl}: start one with JetStream, e.g. \`nats-server -js\`, or set NATS_URL.)`,
      ].join('\n'),
    );
  }
  if (greeting?.startsWith('INFO ')) {
    try {
      const info = JSON.parse(greeting.slice(5)) as { jetstream?: boolean };
      if (info.jetstream === false) {
        throw new BackingError(
          `NATS на ${natsUrl} отвечает, но JetStream выключен: перезапустите сервер с ключом -js ` +
            `(NATS on ${natsUrl} has JetStream disabled; restart it with -js).`,
        );
      }
    } catch (err) {
      if (err instanceof BackingError) throw err;
      // an INFO we cannot read: let the services find out
    }
  }
}

/** A MongoDB given in MONGO_URL must at least accept connections (no check for mongodb+srv). */
export async function checkMongoUrl(mongoUrl: string): Promise<void> {
  if (!/^mongodb:\/\//.test(mongoUrl)) return;
  let target: HostPort;
  try {
    target = firstHostPort(mongoUrl, 27017);
  } catch {
    throw new BackingError(`MONGO_URL=${mongoUrl}: не похоже на адрес вида mongodb://127.0.0.1:27017`);
  }
  try {
    await probeTcp(target, 3000);
  } catch (err) {
    throw new BackingError(
      `MongoDB из MONGO_URL (${mongoUrl}) не отвечает: ${(err as Error).message}. ` +
        'Запустите её или уберите MONGO_URL — тогда будет запущена встроенная MongoDB.',
    );
  }
}

export interface EmbeddedMongo {
  url: string;
  dbPath: string;
  stop(): Promise<void>;
}

/**
 * Step 2 without MONGO_URL: mongod via mongodb-memory-server, data kept in `dbPath` so it survives
 * restarts. The first run downloads mongod (~100 MB) into ~/.cache/mongodb-binaries (MONGOMS_* variables
 * of mongodb-memory-server apply, e.g. MONGOMS_SYSTEM_BINARY to use an installed mongod).
 */
export async function startEmbeddedMongo(dbPath: string, preferredPort?: number): Promise<EmbeddedMongo> {
  await mkdir(dbPath, { recursive: true });
  let server: import('mongodb-memory-server-core').MongoMemoryServer;
  try {
    const { MongoMemoryServer } = await import('mongodb-memory-server-core');
    server = await MongoMemoryServer.create({
      // the preferred port keeps the URL stable between runs; a random one when it is taken
      instance: { dbPath, storageEngine: 'wiredTiger', port: preferredPort, portGeneration: true, launchTimeout: 60_000 },
      // own process group: Ctrl+C in the terminal must not stop mongod before the services
      // (the library's detached "mongo_killer" still stops it if the launcher dies)
      spawn: { detached: process.platform !== 'win32' },
    });
  } catch (err) {
    const full = (err as Error).message.replace(/\s+/g, ' ').trim();
    const reason = full.length > 300 ? `${full.slice(0, 300)}…` : full;
    throw new BackingError(
      [
        `Не удалось запустить встроенную MongoDB (mongodb-memory-server): ${reason}`,
        'Укажите готовую MongoDB в MONGO_URL, например:',
        '  eval "$(bash infra/ferretdb/start.sh)"      # FerretDB, задаёт MONGO_URL',
        '  docker run -d --name tochka-mongo -p 27017:27017 mongo:7 && export MONGO_URL=mongodb://127.0.0.1:27017',
        `Если в ${dbPath} уже работает другой mongod (второй запуск стека?), остановите его.`,
        '(Could not start the embedded MongoDB; set MONGO_URL to a running MongoDB.)',
      ].join('\n'),
    );
  }
  return {
    url: server.getUri(),
    dbPath,
    // doCleanup: false keeps dbPath (it would only remove a temporary directory anyway)
    stop: async () => {
      await server.stop({ doCleanup: false });
    },
  };
}

/** Whether nothing listens on `port` yet (we can bind it ourselves). */
export function isPortFree(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Where the sink saved a message (mirrors @tochka/smtp-sink's file name). */
export function savedMailPath(dir: string, m: SinkMessage): string {
  return join(dir, `${m.receivedAt.toISOString()}-${m.id}.eml`);
}

export interface MailSink {
  url: string;
  dir: string;
  sink: SmtpSink;
  close(): Promise<void>;
}

export interface StartMailSinkOptions {
  /** Preferred port; a random one when it is taken. */
  port: number;
  dir: string;
  /** One call per received mail (the launcher prints it). */
  onMail(info: { to: string[]; subject: string; file: string; message: SinkMessage }): void;
}

/** Step 3 without SMTP_URL: catch every mail on a local SMTP port and save it as .eml. */
export async function startMailSink(opts: StartMailSinkOptions): Promise<MailSink> {
  const host = '127.0.0.1';
  const port = (await isPortFree(opts.port, host)) ? opts.port : 0;
  const onMessage = (m: SinkMessage) =>
    opts.onMail({ to: m.envelope.to, subject: m.parsed.subject ?? '', file: savedMailPath(opts.dir, m), message: m });
  let sink: SmtpSink;
  try {
    sink = await startSmtpSink({ host, port, saveDir: opts.dir, onMessage });
  } catch (err) {
    if (port === 0) throw err;
    // taken between the check and the listen: any port will do
    sink = await startSmtpSink({ host, port: 0, saveDir: opts.dir, onMessage });
  }
  return { url: sink.url, dir: opts.dir, sink, close: () => sink.close() };
}

/** `path` relative to `from` when inside it (shorter console lines), else as is. */
export function displayPath(path: string, from: string): string {
  const rel = relative(from, path);
  return rel && !rel.startsWith('..') && !rel.startsWith('/') ? rel : path;
}
