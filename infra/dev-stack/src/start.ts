/**
 * `pnpm start`: the whole network on one machine for development.
 *   1. NATS: NATS_URL must answer; without it a NATS on 127.0.0.1:NATS_PORT (4222) is used, or
 *      the launcher starts its own `nats-server -js` (data in .data/nats, stopped with the stack);
 *   2. MongoDB: MONGO_URL, or an embedded mongod (mongodb-memory-server) with data in .data/mongo,
 *      or — when no mongod can be had (offline) — FerretDB with SQLite in .data/ferretdb;
 *   3. mail: SMTP_URL, or a local SMTP sink saving every mail to .data/mail;
 *   4. the five services as child processes (`--instances N` / INSTANCES: N of each), restarted
 *      when they crash;
 *   5. once the gateway's /health is green: the post-start steps, then the banner.
 * Ctrl+C / SIGTERM stops everything.
 * Environment: NATS_URL, MONGO_URL, SMTP_URL, MONGO_DB_PREFIX, SUBJECT_PREFIX, PORT, PUBLIC_URL,
 * JWT_SECRET, LOG_LEVEL as for the services; SMTP_PORT (sink, default 1025), MONGO_PORT (embedded
 * MongoDB, default 27017), NATS_PORT (embedded NATS, default 4222), DEV_DATA_DIR (instead of
 * <repo>/.data, e.g. for tests), INSTANCES.
 */
import { join } from 'node:path';
import {
  BackingError,
  checkMongoUrl,
  checkNats,
  displayPath,
  EmbeddedMongo,
  existingNats,
  isPortFree,
  MailSink,
  MongodUnavailableError,
  startEmbeddedMongo,
  startMailSink,
} from './backing';
import { EmbeddedNats, findNatsServer, startEmbeddedNats } from './embedded-nats';
import { hasFerretDbData, startFerretDbFallback } from './ferretdb-fallback';
import { renderBanner } from './banner';
import { Console, createConsole, useColor } from './format';
import { describeHealth, waitForHealth } from './health';
import { missingEntries, serviceSpecs, Supervisor } from './processes';
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
  private nats: EmbeddedNats | undefined;
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

    const natsUrl = await this.provideNats();

    if (!(await isPortFree(s.port, s.host ?? '0.0.0.0'))) {
      throw new BackingError(`Порт ${s.port} занят (возможно, стек уже запущен в другом терминале). Освободите его или задайте PORT=…`);
    }

    const mongoUrl = await this.provideMongo();

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

    const env = childEnv(s, { natsUrl, mongoUrl, smtpUrl });
    this.supervisor = new Supervisor({
      console: this.console,
      color: useColor(),
      onGiveUp: () => void this.stop(1),
    });
    const specs = serviceSpecs(SERVICES, s.instances, s.repoRoot, env);
    this.supervisor.start(specs);
    if (env.METRICS_PORT) {
      log(SOURCE, 'info', `метрики Prometheus: ${specs.map((c) => `${c.name} :${c.env.METRICS_PORT}`).join(', ')} (GET /metrics)`);
    }
    if (s.instances > 1) log(SOURCE, 'info', `по ${s.instances} процесса каждого сервиса; шлюзы делят порт ${s.port}`);

    const gatewayUrl = gatewayBaseUrl(s);
    const health = await waitForHealth(`${gatewayUrl}/health`, { timeoutMs: this.opts.healthTimeoutMs ?? 60_000, signal: this.abort.signal });
    if (this.isStopping) throw new BackingError('остановлено во время запуска');
    if (!health.ok) {
      throw new BackingError(
        `За ${Math.round((this.opts.healthTimeoutMs ?? 60_000) / 1000)} с сеть так и не поднялась: ${describeHealth(health)}. Смотрите журнал выше.`,
      );
    }
    log(SOURCE, 'info', 'все сервисы работают (/health = 200)');

    const ctx: StackContext = { settings: s, natsUrl, mongoUrl, smtpUrl, mailDir, gatewayUrl, console: this.console };
    const failedSteps = await runPostStartSteps(this.opts.steps ?? postStartSteps, ctx, this.abort.signal);
    if (this.isStopping) return ctx;
    this.console.raw(
      renderBanner({
        ...ctx,
        mailDir: mailDir && displayPath(mailDir, process.cwd()),
        mongoDataDir: this.mongo && displayPath(this.mongo.dbPath, process.cwd()),
        mongoKind: this.mongo?.kind,
        natsDataDir: this.nats && displayPath(this.nats.dataDir, process.cwd()),
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
    this.nats?.killNow();
    this.mongo?.killNow?.();
  }

  /** NATS_URL; else a NATS already on NATS_PORT; else our own nats-server. */
  private async provideNats(): Promise<string> {
    const s = this.settings;
    const log = this.console.log.bind(this.console);
    if (s.natsUrl) {
      log(SOURCE, 'info', `проверяю NATS на ${s.natsUrl}`);
      await checkNats(s.natsUrl);
      return s.natsUrl;
    }
    const local = `nats://127.0.0.1:${s.natsPort}`;
    if (await existingNats(local)) {
      log(SOURCE, 'info', `NATS: ${local} (уже запущен)`);
      return local;
    }
    const binary = await findNatsServer(s.repoRoot, (line) => log('nats', 'info', line));
    const dataDir = join(s.dataDir, 'nats');
    const nats = await startEmbeddedNats({ binary, dataDir, preferredPort: s.natsPort });
    if (this.isStopping) {
      await nats.stop();
      throw new BackingError('остановлено во время запуска');
    }
    this.nats = nats;
    log(SOURCE, 'info', `NATS не найден — запущен свой ${binary} -js на ${nats.url} (pid ${nats.pid}), данные в ${displayPath(dataDir, process.cwd())}`);
    return nats.url;
  }

  /** MONGO_URL; else mongod from mongodb-memory-server; else (no mongod to be had) FerretDB on SQLite. */
  private async provideMongo(): Promise<string> {
    const s = this.settings;
    const log = this.console.log.bind(this.console);
    if (s.mongoUrl) {
      await checkMongoUrl(s.mongoUrl);
      log(SOURCE, 'info', `MongoDB: ${s.mongoUrl}`);
      return s.mongoUrl;
    }
    const dbPath = join(s.dataDir, 'mongo');
    const ferretDir = join(s.dataDir, 'ferretdb');
    let mongo: EmbeddedMongo | undefined;
    if (hasFerretDbData(ferretDir)) {
      log(SOURCE, 'info', `MongoDB: FerretDB с SQLite, как в прошлый раз (данные в ${displayPath(ferretDir, process.cwd())})`);
    } else {
      log(SOURCE, 'info', `запускаю встроенную MongoDB, данные в ${displayPath(dbPath, process.cwd())} (при первом запуске скачивается mongod, ~100 МБ)`);
      try {
        mongo = await startEmbeddedMongo(dbPath, s.mongoPort);
      } catch (err) {
        if (!(err instanceof MongodUnavailableError)) throw err;
        log(
          SOURCE,
          'warn',
          `mongod недоступен (${err.message.slice(0, 240)}) — вместо MongoDB запускаю FerretDB с SQLite в ${displayPath(ferretDir, process.cwd())} ` +
            '(mongod unavailable; falling back to FerretDB on SQLite)',
        );
      }
    }
    mongo ??= await startFerretDbFallback({
      repoRoot: s.repoRoot,
      stateDir: ferretDir,
      preferredPort: s.mongoPort,
      onLine: (line) => log('ferretdb', 'info', line),
    });
    if (this.isStopping) {
      await mongo.stop();
      throw new BackingError('остановлено во время запуска');
    }
    this.mongo = mongo;
    log(SOURCE, 'info', `${mongo.kind === 'mongod' ? 'MongoDB' : 'FerretDB'} запущена: ${mongo.url}`);
    if (!mongo.url.includes(`:${s.mongoPort}/`)) log(SOURCE, 'warn', `порт ${s.mongoPort} занят, встроенная база слушает другой (см. адрес выше)`);
    return mongo.url;
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
      log(SOURCE, 'info', this.mongo.kind === 'mongod' ? 'останавливаю встроенную MongoDB…' : 'останавливаю FerretDB…');
      await this.mongo.stop().catch((err: Error) => log(SOURCE, 'warn', `MongoDB: ${err.message}`));
    }
    if (this.nats) {
      log(SOURCE, 'info', 'останавливаю NATS…');
      await this.nats.stop().catch((err: Error) => log(SOURCE, 'warn', `NATS: ${err.message}`));
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
    settings = resolveSettings(env, undefined, process.argv.slice(2));
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
