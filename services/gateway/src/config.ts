import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { baseConfigSchema } from '@tochka/runtime';

export const configSchema = baseConfigSchema
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().default('0.0.0.0'),
    /** Base URL users reach the gateway at: links in mails and iCal subscription URLs. */
    PUBLIC_URL: z.url().default('http://localhost:8080'),
    /** HS256 secret for access tokens; required (≥ 32 characters) outside development. */
    JWT_SECRET: z.string().min(32, 'не короче 32 символов').optional(),
    JWT_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(24 * 3600)
      .default(15 * 60),
    /** Failed logins allowed per window: account × address, address, account from all addresses (see LoginThrottle). */
    LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: z.coerce.number().int().min(1).default(5),
    LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(50),
    LOGIN_FAILURE_WINDOW_MS: z.coerce
      .number()
      .int()
      .min(1000)
      .default(15 * 60_000),
    /** Creations (agreements, events, registrations, accounts, …) one account may make per minute, all creating routes together. */
    CREATE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
    /** Origins allowed to call the API from a browser (comma-separated); none by default: CORS closed. */
    CORS_ORIGINS: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? '')
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url('ожидается список адресов вида https://host через запятую'))),
    /** Express `trust proxy`: set when behind a reverse proxy so the client address is right. */
    TRUST_PROXY: z.string().optional(),
    /** Built web app (services/web/dist) served at `/`; without it the gateway serves the API only. */
    WEB_DIST: z.string().default(join(__dirname, '..', '..', 'web', 'dist')),
    HEALTH_TIMEOUT_MS: z.coerce.number().int().min(100).default(2000),
    /**
     * On SIGTERM, answer /health/ready 503 for this long before the server stops taking
     * connections, so a load balancer that polls readiness moves on first (0: stop at once).
     */
    GATEWAY_DRAIN_MS: z.coerce.number().int().min(0).max(60_000).default(0),
    /**
     * How long a feed answered from memory may go unchecked at most (the bus tells every change
     * sooner; this bounds a missed message). 0: every request asks the calendar.
     */
    GATEWAY_FEED_MEMORY_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
    /** Several gateway processes on one port (SO_REUSEPORT, Linux): the kernel spreads connections. */
    GATEWAY_REUSE_PORT: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
  })
  .superRefine((c, ctx) => {
    if (!c.JWT_SECRET && c.NODE_ENV !== 'development') {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'обязателен вне режима разработки (NODE_ENV=development)' });
    }
  })
  .transform((c) => ({ ...c, JWT_SECRET: c.JWT_SECRET ?? randomBytes(32).toString('hex') }));

export type GatewayConfig = z.output<typeof configSchema>;
