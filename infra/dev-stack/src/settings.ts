import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

/** The six processes of the network, in start order (the gateway last: its /health asks the others). */
export const SERVICES = ['agreements', 'calendar', 'registrations', 'notifications', 'reports', 'gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Repository root, from this file's location (src/ or dist/ of infra/dev-stack), not from the cwd. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** Everything the launcher decides from the environment before it starts anything. */
export interface StackSettings {
  repoRoot: string;
  /** `.data` of the repository, or DEV_DATA_DIR: `mongo/` (embedded MongoDB) and `mail/` (caught mail). */
  dataDir: string;
  /** NATS_URL as given; undefined: use a NATS answering on `natsPort`, else start nats-server. */
  natsUrl: string | undefined;
  /** Port of a local NATS to look for, and preferred port of the embedded one (NATS_PORT, 4222). */
  natsPort: number;
  /** Processes of every service (`--instances N` or INSTANCES; default 1). */
  instances: number;
  /** Undefined: start the embedded MongoDB. */
  mongoUrl: string | undefined;
  /** Preferred port of the embedded MongoDB (a random one when taken). */
  mongoPort: number;
  /** Undefined: start the SMTP sink. */
  smtpUrl: string | undefined;
  /** Preferred port of the SMTP sink (a random one when taken). */
  smtpPort: number;
  mongoDbPrefix: string;
  subjectPrefix: string;
  /** Port of the gateway. */
  port: number;
  /** Interface the gateway listens on (HOST), if set. */
  host: string | undefined;
  publicUrl: string;
  /** One secret for the whole run: tokens stay valid when the gateway restarts. */
  jwtSecret: string;
  /** Whether JWT_SECRET was generated for this run (the banner says so). */
  jwtSecretGenerated: boolean;
  logLevel: string;
}

export class SettingsError extends Error {}

function port(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new SettingsError(`${name}=${value}: ожидается номер порта от 1 до 65535`);
  }
  return n;
}

/** `--instances N` / `--instances=N` from the command line, else INSTANCES. */
function instances(env: NodeJS.ProcessEnv, argv: readonly string[]): number {
  let value = env.INSTANCES;
  let name = 'INSTANCES';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const m = /^--instances(?:=(.*))?$/.exec(arg);
    if (!m) {
      if (arg.startsWith('-')) throw new SettingsError(`неизвестный ключ ${arg} (известен только --instances N)`);
      continue;
    }
    value = m[1] ?? argv[++i];
    name = '--instances';
  }
  if (value === undefined || value === '') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new SettingsError(`${name}=${value}: ожидается число процессов каждого сервиса от 1 до 16`);
  return n;
}

export function resolveSettings(env: NodeJS.ProcessEnv = process.env, repoRoot = REPO_ROOT, argv: readonly string[] = []): StackSettings {
  const gatewayPort = port('PORT', env.PORT, 8080);
  const jwtSecretGenerated = !env.JWT_SECRET;
  return {
    repoRoot,
    dataDir: resolve(repoRoot, env.DEV_DATA_DIR || '.data'),
    natsUrl: env.NATS_URL || undefined,
    natsPort: port('NATS_PORT', env.NATS_PORT, 4222),
    instances: instances(env, argv),
    mongoUrl: env.MONGO_URL || undefined,
    mongoPort: port('MONGO_PORT', env.MONGO_PORT, 27017),
    smtpUrl: env.SMTP_URL || undefined,
    smtpPort: port('SMTP_PORT', env.SMTP_PORT, 1025),
    mongoDbPrefix: env.MONGO_DB_PREFIX || 'tochka',
    subjectPrefix: env.SUBJECT_PREFIX || 'tochka',
    port: gatewayPort,
    host: env.HOST || undefined,
    publicUrl: env.PUBLIC_URL || `http://localhost:${gatewayPort}`,
    jwtSecret: env.JWT_SECRET || randomBytes(32).toString('hex'),
    jwtSecretGenerated,
    logLevel: env.LOG_LEVEL || 'info',
  };
}

/** Address to reach the gateway from this machine (a wildcard listen address means loopback). */
export function gatewayBaseUrl(s: Pick<StackSettings, 'host' | 'port'>): string {
  const host = !s.host || s.host === '0.0.0.0' || s.host === '::' ? '127.0.0.1' : s.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${s.port}`;
}

/**
 * Environment of every child: the launcher's own (PATH, tuning like EVENT_*), with the stack's
 * settings over it. MONGO_DB is dropped: it would put all five services into one database.
 */
export function childEnv(
  s: StackSettings,
  backing: { natsUrl: string; mongoUrl: string; smtpUrl: string },
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  delete env.MONGO_DB;
  return {
    ...env,
    NODE_ENV: 'development',
    NATS_URL: backing.natsUrl,
    MONGO_URL: backing.mongoUrl,
    SMTP_URL: backing.smtpUrl,
    MONGO_DB_PREFIX: s.mongoDbPrefix,
    SUBJECT_PREFIX: s.subjectPrefix,
    PORT: String(s.port),
    PUBLIC_URL: s.publicUrl,
    JWT_SECRET: s.jwtSecret,
    LOG_LEVEL: s.logLevel,
  };
}

/** Servers a test or benchmark runs a stack on, with the subject prefix and database names it owns. */
export interface StackServers {
  natsUrl: string;
  mongoUrl: string;
  smtpUrl: string;
  prefix: string;
  port: number;
  dataDir: string;
}

/** Settings of a stack on servers run by someone else (tests, benchmarks): loopback, quiet; `more` adds or overrides. */
export function settingsOn(servers: StackServers, more: NodeJS.ProcessEnv = {}): StackSettings {
  return resolveSettings({
    NATS_URL: servers.natsUrl,
    MONGO_URL: servers.mongoUrl,
    SMTP_URL: servers.smtpUrl,
    SUBJECT_PREFIX: servers.prefix,
    MONGO_DB_PREFIX: servers.prefix,
    PORT: String(servers.port),
    HOST: '127.0.0.1',
    DEV_DATA_DIR: servers.dataDir,
    LOG_LEVEL: 'warn',
    ...more,
  });
}
