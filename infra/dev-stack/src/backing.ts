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

export type NatsProbe = { answers: false; error: string } | { answers: true; jetstream: boolean | undefined };

/** Whether a NATS server answers on `natsUrl` (its INFO greeting), and with JetStream. */
export async function probeNats(natsUrl: string): Promise<NatsProbe> {
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
    return { answers: false, error: (err as Error).message };
  }
  if (!greeting?.startsWith('INFO ')) return { answers: false, error: 'отвечает не NATS' };
  try {
    const info = JSON.parse(greeting.slice(5)) as { jetstream?: boolean };
    return { answers: true, jetstream: info.jetstream };
  } catch {
    return { answers: true, jetstream: undefined }; // an INFO we cannot read: let the services find out
  }
}

function noJetStream(natsUrl: string): BackingError {
  return new BackingError(
    `NATS на ${natsUrl} отвечает, но JetStream выключен: перезапустите сервер с ключом -js ` +
      `(NATS on ${natsUrl} has JetStream disabled; restart it with -js).`,
  );
}

/** Step 1 with NATS_URL given: a NATS server with JetStream must answer there. */
export async function checkNats(natsUrl: string): Promise<void> {
  const probe = await probeNats(natsUrl);
  if (!probe.answers) {
    throw new BackingError(
      [
        `NATS не отвечает на ${natsUrl} (${probe.error}).`,
        'Запустите NATS с JetStream (nats-server -js) или уберите NATS_URL — тогда pnpm start запустит свой nats-server.',
        `(NATS is not answering on ${natsUrl}: start one with JetStream, e.g. \`nats-server -js\`, or unset NATS_URL to let pnpm start run its own.)`,
      ].join('\n'),
    );
  }
  if (probe.jetstream === false) throw noJetStream(natsUrl);
}

/**
 * Step 1 without NATS_URL: a NATS with JetStream already answering on `url` (e.g. one the user
 * runs) is used; nothing answering means "start our own" (false).
 */
export async function existingNats(url: string): Promise<boolean> {
  const probe = await probeNats(url);
  if (!probe.answers) return false;
  if (probe.jetstream === false) throw noJetStream(url);
  return true;
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
  /** mongod from mongodb-memory-server, or the FerretDB fallback. */
  kind: 'mongod' | 'ferretdb';
  stop(): Promise<void>;
  /** SIGKILL now, synchronously (the launcher is exiting). */
  killNow?(): void;
}

/** mongodb-memory-server could not obtain a mongod that runs here (offline, unsupported platform). */
export class MongodUnavailableError extends BackingError {}

/** The library's errors that mean "no usable mongod binary", as opposed to "mongod failed". */
const NO_MONGOD = new Set([
  'DownloadError',
  'BinaryNotFoundError',
  'UnknownPlatformError',
  'UnknownArchitectureError',
  'UnknownLinuxDistro',
  'UnknownVersionError',
  'KnownVersionIncompatibilityError',
  'Md5CheckFailedError',
  'StartBinaryFailedError',
]);

/**
 * Step 2 without MONGO_URL: mongod via mongodb-memory-server, data kept in `dbPath` so it survives
 * restarts. The first run downloads mongod (~100 MB) into ~/.cache/mongodb-binaries (MONGOMS_* variables
 * of mongodb-memory-server apply, e.g. MONGOMS_SYSTEM_BINARY to use an installed mongod).
 * Rejects with MongodUnavailableError when no mongod can be had (the launcher then falls back to
 * FerretDB), with BackingError when one was there but did not start.
 */
export async function startEmbeddedMongo(dbPath: string, preferredPort?: number): Promise<EmbeddedMongo> {
  await mkdir(dbPath, { recursive: true });
  let server: import('mongodb-memory-server-core').MongoMemoryServer;
  // The library prints a failed start with its whole stack through console.warn; the launcher
  // says it in one line of its own instead.
  const warn = console.warn;
  console.warn = () => undefined;
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
    if (NO_MONGOD.has((err as Error).constructor?.name ?? '') || /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH/.test(full)) {
      throw new MongodUnavailableError(reason);
    }
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
  } finally {
    console.warn = warn;
  }
  return {
    url: server.getUri(),
    dbPath,
    kind: 'mongod',
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
  const onMessage = (m: SinkMessage) => opts.onMail({ to: m.envelope.to, subject: m.parsed.subject ?? '', file: savedMailPath(opts.dir, m), message: m });
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
