import { z } from 'zod';

const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])]).transform((v) => v === true || v === 'true' || v === '1');

const msList = z.union([z.array(z.number()), z.string()]).transform((v, ctx) => {
  const list = Array.isArray(v) ? v : v.split(',').map((s) => Number(s.trim()));
  if (!list.length || list.some((n) => !Number.isFinite(n) || n < 0)) {
    ctx.addIssue({ code: 'custom', message: 'ожидается список миллисекунд через запятую, например 1000,5000' });
    return z.NEVER;
  }
  return list;
});

/** Settings every process shares; each service extends it. Read from the environment. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  NATS_URL: z
    .string()
    .regex(/^(nats|tls|wss?):\/\/\S+$/, 'ожидается адрес вида nats://host:4222')
    .default('nats://127.0.0.1:4222'),
  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'ожидается адрес вида mongodb://host:27017')
    .default('mongodb://127.0.0.1:27017'),
  /** Database of this service; defaults to `<MONGO_DB_PREFIX>_<service>`. */
  MONGO_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/)
    .optional(),
  MONGO_DB_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .default('tochka'),
  /** Connections to MongoDB per process (bounded: FerretDB needs two PostgreSQL connections per update). */
  MONGO_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Prefix of every NATS subject and stream: isolates environments sharing one NATS server. */
  SUBJECT_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/, 'только латинские строчные буквы, цифры, _ и -')
    .default('tochka'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JETSTREAM_STORAGE: z.enum(['file', 'memory']).default('file'),
  /** Copies of every stream (and so of its consumers): 1 on one server, 3 on a 3-node cluster. */
  JETSTREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  EVENT_DEDUPE_WINDOW_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(10 * 60_000),
  EVENT_MAX_AGE_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .default(30 * 24 * 3600_000),
  EVENT_MAX_DELIVER: z.coerce.number().int().min(1).max(100).default(8),
  EVENT_BACKOFF_MS: msList.default([1000, 5000, 15000, 30000, 60000]),
  EVENT_ACK_WAIT_MS: z.coerce.number().int().min(1000).default(30_000),
  OUTBOX_SWEEP_MS: z.coerce.number().int().min(50).default(2000),
  /** Longest wait between sweeps while they find nothing (unset: 8 × OUTBOX_SWEEP_MS). */
  OUTBOX_SWEEP_IDLE_MS: z.coerce.number().int().min(50).optional(),
  OUTBOX_RELAY_ENABLED: bool.default(true),
  /** Age after which a sweep publishes a commit group's staged events in place of its writer (OutboxRelay.stageGroup). */
  OUTBOX_GROUP_STALE_MS: z.coerce.number().int().min(100).default(15_000),
  RPC_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  /** Requests with an affinity key (one event's registrations) go to one instance of the service (false: any instance). */
  RPC_AFFINITY: bool.default(true),
  /** Prometheus metrics of this process on http://METRICS_HOST:METRICS_PORT/metrics (unset: not served; 0: any free port). */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** OTLP/HTTP collector for traces, e.g. http://otel-collector:4318 (unset: no tracing, no cost). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
});
export type BaseConfig = z.output<typeof baseConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validate configuration at start-up; every bad value is named in one error. */
export function loadConfig<S extends z.ZodType>(schema: S, source: Record<string, unknown> = process.env): z.output<S> {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`));
  }
  return result.data;
}
