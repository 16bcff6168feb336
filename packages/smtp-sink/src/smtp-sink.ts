import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

/** One message accepted by the sink: the SMTP envelope, the raw RFC 5322 bytes and the parsed form. */
export interface SinkMessage {
  id: string;
  receivedAt: Date;
  envelope: { from: string | false; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpSinkOptions {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Port to listen on; default 0 = a random free port (kept across stop()/start()). */
  port?: number;
  /** When set, every message is also written to `<receivedAt ISO>-<id>.eml` in this folder. */
  saveDir?: string;
  /** Called once per message, after it is parsed, stored (and saved). Errors thrown are logged, not propagated. */
  onMessage?: (m: SinkMessage) => void;
  /** Answer each message's DATA only after this long (a slow server); default 0. */
  acceptDelayMs?: number;
}

export interface WaitForOptions {
  /** How many matching messages to wait for; default 1. */
  count?: number;
  /** Give up after this many milliseconds; default 30 000. */
  timeoutMs?: number;
}

export interface SmtpSink {
  /** e.g. `smtp://127.0.0.1:40123`, usable directly with nodemailer's createTransport. */
  readonly url: string;
  readonly port: number;
  /** Snapshot of the messages received so far, oldest first. */
  readonly messages: readonly SinkMessage[];
  /** Messages whose envelope recipients include `address` (case-insensitive). */
  to(address: string): SinkMessage[];
  /**
   * Resolves with all matching messages once at least `count` (default 1) match, counting messages
   * already received. Rejects after `timeoutMs` (default 10 s) with an Error that lists the subjects
   * and recipients received so far.
   */
  waitFor(predicate: (m: SinkMessage) => boolean, opts?: WaitForOptions): Promise<SinkMessage[]>;
  /** Forget all received messages. */
  clear(): void;
  /** Stop listening and drop open connections (simulates an SMTP outage). Kept messages stay. */
  stop(): Promise<void>;
  /** Listen again on the same port after stop(). */
  start(): Promise<void>;
  /** Stop for good; pending waitFor() calls are rejected. */
  close(): Promise<void>;
}

const DEFAULT_HOST = '127.0.0.1';
const MAX_MESSAGE_SIZE = 25 * 1024 * 1024;
// Generous: on a loaded CI machine a burst of mails takes far longer than on a quiet one; a passing test never waits it out.
const DEFAULT_WAIT_MS = 30_000;
/** How long start() keeps retrying while the port is still taken (EADDRINUSE). */
const ADDR_IN_USE_RETRY_MS = 3_000;
const ADDR_IN_USE_RETRY_STEP_MS = 50;
/** Backstop for smtp-server's own close(): we destroy sockets ourselves, this only bounds a surprise. */
const SERVER_CLOSE_TIMEOUT_MS = 1_000;

interface Waiter {
  predicate: (m: SinkMessage) => boolean;
  count: number;
  resolve: (messages: SinkMessage[]) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
  /** The stored messages looked at so far (each once), and those of them that matched. */
  seen: number;
  matches: SinkMessage[];
}

/** One listening SMTPServer plus the raw sockets it accepted, so stop() can cut them at once. */
interface Listener {
  server: SMTPServer;
  sockets: Set<Socket>;
}

type SmtpError = Error & { responseCode?: number };

function smtpError(responseCode: number, message: string): SmtpError {
  return Object.assign(new Error(message), { responseCode });
}

function describeMessages(messages: readonly SinkMessage[]): string {
  if (messages.length === 0) return 'No messages were received.';
  const lines = messages.map((m, i) => {
    const subject = m.parsed.subject === undefined ? '(no subject)' : JSON.stringify(m.parsed.subject);
    return `  ${i + 1}. ${subject} -> ${m.envelope.to.join(', ') || '(no recipients)'}`;
  });
  return `Received so far (${messages.length}):\n${lines.join('\n')}`;
}

class SmtpSinkImpl implements SmtpSink {
  private readonly host: string;
  private readonly saveDir: string | undefined;
  private readonly onMessage: ((m: SinkMessage) => void) | undefined;
  private readonly acceptDelayMs: number;
  private currentPort: number;
  private listener: Listener | undefined;
  private stored: SinkMessage[] = [];
  private readonly waiters = new Set<Waiter>();
  private closed = false;
  /** stop()/start()/close() run one after another, never interleaved. */
  private lifecycle: Promise<void> = Promise.resolve();

  constructor(opts: SmtpSinkOptions) {
    this.host = opts.host ?? DEFAULT_HOST;
    this.currentPort = opts.port ?? 0;
    this.saveDir = opts.saveDir;
    this.onMessage = opts.onMessage;
    this.acceptDelayMs = opts.acceptDelayMs ?? 0;
  }

  get port(): number {
    return this.currentPort;
  }

  get url(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `smtp://${host}:${this.currentPort}`;
  }

  get messages(): readonly SinkMessage[] {
    return this.stored.slice();
  }

  to(address: string): SinkMessage[] {
    const wanted = address.trim().toLowerCase();
    return this.stored.filter((m) => m.envelope.to.some((rcpt) => rcpt.toLowerCase() === wanted));
  }

  waitFor(predicate: (m: SinkMessage) => boolean, opts: WaitForOptions = {}): Promise<SinkMessage[]> {
    const count = opts.count ?? 1;
    const timeoutMs = opts.timeoutMs ?? DEFAULT_WAIT_MS;
    if (this.closed) return Promise.reject(new Error('SMTP sink is closed'));
    return new Promise<SinkMessage[]>((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        count,
        resolve,
        reject,
        seen: 0,
        matches: [],
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          let matched = 0;
          try {
            matched = this.stored.filter(predicate).length;
          } catch {
            // the predicate already had its chance to throw when messages arrived
          }
          reject(
            new Error(
              `Timed out after ${timeoutMs} ms waiting for ${count} matching message(s) on ${this.url}; ` +
                `${matched} matched. ${describeMessages(this.stored)}`,
            ),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
      this.checkWaiter(waiter);
    });
  }

  clear(): void {
    this.stored = [];
    for (const waiter of this.waiters) {
      waiter.seen = 0;
      waiter.matches = [];
    }
  }

  stop(): Promise<void> {
    return this.serialize(async () => {
      const listener = this.listener;
      this.listener = undefined;
      if (listener) await this.shutdown(listener);
    });
  }

  start(): Promise<void> {
    return this.serialize(async () => {
      if (this.closed) throw new Error('SMTP sink is closed; create a new one with startSmtpSink()');
      if (this.listener) return;
      this.listener = await this.listenWithRetry();
    });
  }

  close(): Promise<void> {
    return this.serialize(async () => {
      if (this.closed) return;
      this.closed = true;
      const listener = this.listener;
      this.listener = undefined;
      for (const waiter of this.waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`SMTP sink was closed while waiting for messages. ${describeMessages(this.stored)}`));
      }
      this.waiters.clear();
      if (listener) await this.shutdown(listener);
    });
  }

  /** First start: create the save folder, then listen (on a random port if none was given). */
  async init(): Promise<void> {
    if (this.saveDir) await mkdir(this.saveDir, { recursive: true });
    await this.start();
  }

  private serialize(step: () => Promise<void>): Promise<void> {
    const run = this.lifecycle.then(step);
    this.lifecycle = run.catch(() => undefined);
    return run;
  }

  /** Looks at the messages that arrived since the waiter last looked (not all of them again). */
  private checkWaiter(waiter: Waiter): void {
    try {
      for (; waiter.seen < this.stored.length; waiter.seen++) {
        const m = this.stored[waiter.seen]!;
        if (waiter.predicate(m)) waiter.matches.push(m);
      }
    } catch (err) {
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    if (waiter.matches.length >= waiter.count) {
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.resolve(waiter.matches);
    }
  }

  private createListener(): Listener {
    const sockets = new Set<Socket>();
    const server: SMTPServer = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      hideSTARTTLS: true,
      authOptional: true,
      // 8BITMIME and SMTPUTF8 are advertised by default; keep them on for Russian names and subjects
      hide8BITMIME: false,
      hideSMTPUTF8: false,
      size: MAX_MESSAGE_SIZE,
      logger: false,
      // no reverse DNS of the client: a sink has no use for it, and a slow resolver would delay the greeting
      disableReverseLookup: true,
      closeTimeout: SERVER_CLOSE_TIMEOUT_MS,
      onData: (stream, session, callback) => {
        this.receive(server, stream, session).then(
          () => (this.acceptDelayMs ? setTimeout(() => callback(), this.acceptDelayMs) : callback()),
          (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
        );
      },
    });
    // A client dropping mid-transaction surfaces here; a test sink has nothing to do about it,
    // but an unhandled 'error' event would crash the process.
    server.on('error', () => undefined);
    server.server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    return { server, sockets };
  }

  private listenOnce(listener: Listener): Promise<number> {
    const net = listener.server.server;
    return new Promise<number>((resolve, reject) => {
      const onError = (err: Error): void => {
        net.off('listening', onListening);
        reject(err);
      };
      const onListening = (): void => {
        net.off('error', onError);
        resolve((net.address() as AddressInfo).port);
      };
      net.once('error', onError);
      net.once('listening', onListening);
      listener.server.listen(this.currentPort, this.host);
    });
  }

  private async listenWithRetry(): Promise<Listener> {
    const deadline = Date.now() + ADDR_IN_USE_RETRY_MS;
    for (;;) {
      const listener = this.createListener();
      try {
        this.currentPort = await this.listenOnce(listener);
        return listener;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // port 0 never collides; a fixed port may still be held briefly by the previous listener
        if (code !== 'EADDRINUSE' || this.currentPort === 0 || Date.now() >= deadline) {
          throw new Error(`SMTP sink could not listen on ${this.url}: ${(err as Error).message}`, { cause: err });
        }
        await new Promise((r) => setTimeout(r, ADDR_IN_USE_RETRY_STEP_MS));
      }
    }
  }

  /** Stop accepting connections and cut the open ones right away, as a crashed mail server would. */
  private shutdown(listener: Listener): Promise<void> {
    return new Promise<void>((resolve) => {
      let done = false;
      listener.server.close(() => {
        if (!done) {
          done = true;
          resolve();
        }
      });
      for (const socket of listener.sockets) socket.destroy();
    });
  }

  private async receive(server: SMTPServer, stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) {
      throw smtpError(552, `Message exceeds fixed maximum message size ${MAX_MESSAGE_SIZE}`);
    }
    const raw = Buffer.concat(chunks);
    const parsed = await simpleParser(raw);
    // stop() was called while this message was in flight: the client gets no 250, so don't keep it
    if (this.listener?.server !== server) {
      throw smtpError(421, 'Server shutting down');
    }
    const mailFrom = session.envelope.mailFrom;
    const message: SinkMessage = {
      id: randomBytes(6).toString('hex'),
      receivedAt: new Date(),
      envelope: {
        from: mailFrom ? mailFrom.address : false,
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
      },
      raw,
      parsed,
    };
    if (this.saveDir) {
      const file = join(this.saveDir, `${message.receivedAt.toISOString()}-${message.id}.eml`);
      try {
        await writeFile(file, raw);
      } catch (err) {
        // keep accepting mail even if the folder went away; the message is still in memory
        console.error(`smtp-sink: could not save ${file}: ${(err as Error).message}`);
      }
    }
    this.stored.push(message);
    if (this.onMessage) {
      try {
        this.onMessage(message);
      } catch (err) {
        console.error('smtp-sink: onMessage handler threw', err);
      }
    }
    for (const waiter of [...this.waiters]) this.checkWaiter(waiter);
  }
}

/** Start a plain-SMTP sink (no auth, no TLS) and resolve once it is listening. */
export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const sink = new SmtpSinkImpl(opts);
  await sink.init();
  return sink;
}
