/**
 * `pnpm start`: the whole network on one machine for development.
 *   1. NATS (NATS_URL or nats://127.0.0.1:4222) must answer;
 *   2. MongoDB: MONGO_URL, or an embedded mongod (mongodb-memory-server) with data in .data/mongo;
 *   3. mail: SMTP_URL, or a local SMTP sink saving every mail to .data/mail;
 *   4. the five services as child processes, restarted when they crash;
 *   5. once the gateway's /health is green: the post-start steps, then the banner.
 * Ctrl+C / SIGTERM stops everything.
 * Environment: NATS_URL, MONGO_URL, SMTP_URL, MONGO_DB_PREFIX, SUBJECT_PREFIX, PORT, PUBLIC_URL,
 * JWT_SECRET, LOG_LEVEL as for the services; SMTP_PORT (sink, default 1025), MONGO_PORT (embedded
 * MongoDB, default 27017), DEV_DATA_DIR (instead of <repo>/.data, e.g. for tests).
 */
import { join } from 'node:path';
import { BackingError, checkMongoUrl, checkNats, displayPath, EmbeddedMongo, isPortFree, MailSink, startEmbeddedMongo, startMailSink } from './backing';
import { renderBanner } from './banner';
import { Console, createConsole, useColor } from './format';
import { describeHealth, waitForHealth } from './health';
import { missingEntries, serviceSpec, Supervisor } from './processes';
import { childEnv, gatewayBaseUrl, resolveSettings, SERVICES, SettingsError, StackSettings } from './settings';
import { PostStartStep, postStartSteps, runPostStartSteps, StackContext } from './steps';

const SOURCE = 'dev-stack';

export interface StackOptions {
  console?: Console;
  /** Steps to run once /health is green; default `postStartSteps`. */
  steps?: readonly PostStartStep[];
  healthTimeoutMs?: number;
}

/** One run of the stack: what it started, and how to stop all of it. */
export class DevStack {
  readonly console: Console;
  private supervisor: Supervisor | undefined;
  private mongo: EmbeddedMongo | undefined;
  private mail: MailSink | undefined;
  private readonly abort = new AbortController();
  private stopping: Promise<number> | undefined;
  private exitCode = 0;
  private resolveStopped!: (code: number) => void;
  /** Resolves with the exit code once stop() has finished, whoever called it. */
  readonly stopped = new Promise<number>((resolve) => {
    this.resolveStopped = resolve;
  });

  constructor(
    readonly settings: StackSettings,
    private readonly opts: StackOptions = {},
  ) {
    this.console = opts.console ?? createConsole();
  }

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  /** Pids of the running services, by name. */
  pids(): Record<string, number> {
    return this.supervisor?.pids() ?? {};
  }

  /**
   * Start everything and wait for green health. Resolves with the context once the banner is out;
   * rejects with BackingError (a message for the user) when something cannot be provided.
   */
  async start(): Promise<StackContext> {
    const s = this.settings;
    const log = this.console.log.bind(this.console);

    const missing = missingEntries(s.repoRoot, SERVICES);
    if (missing.length) {
      throw new BackingError(`Сервисы не собраны (нет ${missing.map((f) => displayPath(f, s.repoRoot)).join(', ')}). Выполните сначала: pnpm build`);
    }

    log(SOURCE, 'info', `проверяю NATS на ${s.natsUrl}`);
    await checkNats(s.natsUrl);

    if (!(await isPortFree(s.port, s.host ?? '0.0.0.0'))) {
      throw new BackingError(`Порт ${s.port} занят (возможно, стек уже запущен в другом терминале). Освободите его или задайте PORT=…`);
    }

    let mongoUrl: string;
    if (s.mongoUrl) {
      await checkMongoUrl(s.mongoUrl);
      mongoUrl = s.mongoUrl;
      log(SOURCE, 'info', `MongoDB: ${mongoUrl}`);
    } else {
      const dbPath = join(s.dataDir, 'mongo');
      log(SOURCE, 'info', `запускаю встроенную MongoDB, данные в ${displayPath(dbPath, process.cwd())} (при первом запуске скачивается mongod, ~100 МБ)`);
      const mongo = await startEmbeddedMongo(dbPath, s.mongoPort);
      if (this.isStopping) {
        await mongo.stop();
        throw new BackingError('остановлено во время запуска');
      }
      this.mongo = mongo;
      mongoUrl = mongo.url;
      log(SOURCE, 'info', `MongoDB запущена: ${mongoUrl}`);
      if (!mongoUrl.includes(`:${s.mongoPort}/`)) log(SOURCE, 'warn', `порт MongoDB ${s.mongoPort} занят, встроенная MongoDB слушает другой (см. адрес выше)`);
    }

    let smtpUrl: string;
    let mailDir: string | undefined;
    if (s.smtpUrl) {
      smtpUrl = s.smtpUrl;
    } else {
      mailDir = join(s.dataDir, 'mail');
      const mail = await startMailSink({
        port: s.smtpPort,
        dir: mailDir,
        onMail: ({ to, subject, file }) =>
          log('mail', 'info', `письмо для ${to.join(', ') || '(без получателя)'}: «${subject}» → ${displayPath(file, process.cwd())}`),
      });
      if (this.isStopping) {
        await mail.close();
        throw new BackingError('остановлено во время запуска');
      }
      this.mail = mail;
      smtpUrl = mail.url;
      if (mail.sink.port !== s.smtpPort) log(SOURCE, 'warn', `порт SMTP ${s.smtpPort} занят, ловушка писем слушает ${mail.sink.port}`);
      log(SOURCE, 'info', `письма ловятся на ${smtpUrl} и сохраняются в ${displayPath(mailDir, process.cwd())}`);
    }

    const env = childEnv(s, { mongoUrl, smtpUrl });
    this.supervisor = new Supervisor({
      console: this.console,
      color: useColor(),
      onGiveUp: () => void this.stop(1),
    });
    this.supervisor.start(SERVICES.map((name) => serviceSpec(name, s.repoRoot, env)));

    const gatewayUrl = gatewayBaseUrl(s);
    const health = await waitForHealth(`${gatewayUrl}/health`, { timeoutMs: this.opts.healthTimeoutMs ?? 60_000, signal: this.abort.signal });
    if (this.isStopping) throw new BackingError('остановлено во время запуска');
    if (!health.ok) {
      throw new BackingError(`За ${Math.round((this.opts.healthTimeoutMs ?? 60_000) / 1000)} с сеть так и не поднялась: ${describeHealth(health)}. Смотрите журнал выше.`);
    }
    log(SOURCE, 'info', 'все сервисы работают (/health = 200)');

    const ctx: StackContext = { settings: s, mongoUrl, smtpUrl, mailDir, gatewayUrl, console: this.console };
    const failedSteps = await runPostStartSteps(this.opts.steps ?? postStartSteps, ctx, this.abort.signal);
    if (this.isStopping) return ctx;
    this.console.raw(
      renderBanner({
        ...ctx,
        mailDir: mailDir && displayPath(mailDir, process.cwd()),
        mongoDataDir: this.mongo && displayPath(this.mongo.dbPath, process.cwd()),
        failedSteps,
      }),
    );
    return ctx;
  }

  /** Stop the services (SIGTERM, SIGKILL after 10 s), then the sink and MongoDB. Idempotent. */
  stop(exitCode = 0): Promise<number> {
    this.exitCode = Math.max(this.exitCode, exitCode);
    if (!this.stopping) {
      this.abort.abort();
      this.stopping = this.shutdown();
      void this.stopping.then(this.resolveStopped);
    }
    return this.stopping;
  }

  /** Second Ctrl+C: no more waiting for the services. */
  forceKill(): void {
    this.supervisor?.killNow();
  }

  private async shutdown(): Promise<number> {
    const log = this.console.log.bind(this.console);
    if (this.supervisor) {
      log(SOURCE, 'info', 'останавливаю сервисы…');
      await this.supervisor.stop();
    }
    if (this.mail) {
      await this.mail.close().catch((err: Error) => log(SOURCE, 'warn', `SMTP-ловушка: ${err.message}`));
    }
    if (this.mongo) {
      log(SOURCE, 'info', 'останавливаю встроенную MongoDB…');
      await this.mongo.stop().catch((err: Error) => log(SOURCE, 'warn', `MongoDB: ${err.message}`));
    }
    log(SOURCE, 'info', this.exitCode === 0 ? 'всё остановлено' : `всё остановлено (код выхода ${this.exitCode})`);
    return this.exitCode;
  }
}

/** The `pnpm start` process: signals, errors, exit code. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const out = createConsole();
  let settings: StackSettings;
  try {
    settings = resolveSettings(env);
  } catch (err) {
    if (!(err instanceof SettingsError)) throw err;
    out.log(SOURCE, 'error', err.message);
    process.exit(1);
  }
  const stack = new DevStack(settings, { console: out });
  // every way out (signal, a service crashing too often, a failed start) ends here
  void stack.stopped.then((code) => process.exit(code));

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals === 1) {
      out.log(SOURCE, 'info', `получен ${signal}`);
      void stack.stop(0);
    } else {
      out.log(SOURCE, 'warn', `повторный ${signal}: завершаю сервисы принудительно`);
      stack.forceKill();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // the launcher dies of a bug: do not leave the services behind
  process.on('exit', () => stack.forceKill());

  try {
    await stack.start();
  } catch (err) {
    if (stack.isStopping) return; // a signal or a give-up is already stopping everything
    if (err instanceof BackingError) {
      out.log(SOURCE, 'error', err.message);
    } else {
      out.log(SOURCE, 'error', `сбой запуска: ${(err as Error).stack ?? String(err)}`);
    }
    await stack.stop(1);
  }
}

if (require.main === module) {
  void main();
}
