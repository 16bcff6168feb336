import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Connection } from 'mongoose';
import { z } from 'zod';
import { checkStateSchema, HealthStatus, healthRpcs, serviceStateSchema } from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS, CONFIG, MONGO, pingMongo } from '@tochka/runtime';
import { Public } from '../auth/actor';
import { GatewayConfig } from '../config';
import { Doc } from '../http/route';

export const livenessSchema = z.strictObject({ status: z.literal('up'), detail: z.string() });

/**
 * Whether this gateway process is shutting down (SIGTERM): it is still alive and finishes the
 * requests in hand, but is no longer ready, so a load balancer stops sending it new ones.
 */
export class GatewayLifecycle {
  draining = false;
}

export const healthSchema = z.strictObject({
  status: serviceStateSchema,
  services: z.record(z.string(), serviceStateSchema),
  checks: z.record(z.string(), checkStateSchema),
  down: z.array(z.string()),
  degraded: z.array(z.string()),
  detail: z.string(),
});

/**
 * Probes for people and orchestrators:
 * - `GET /health/live`: 200 while the process serves HTTP at all — it depends on nothing else, so
 *   an orchestrator restarts a gateway that hangs, never one whose dependencies are down;
 * - `GET /health/ready` (and `GET /health`, the same): 200 when the services (asked over NATS),
 *   MongoDB and NATS answer; 503 naming what is down, and 503 `gateway` while shutting down.
 * A service that works without something it can wait for (notifications without SMTP: mails wait
 * in the queue) is `degraded`: still 200, named with what it misses, e.g. `notifications: smtp`.
 */
@Controller()
export class HealthController {
  constructor(
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(MONGO) private readonly mongo: Connection,
    @Inject(CONFIG) private readonly config: GatewayConfig,
    private readonly lifecycle: GatewayLifecycle,
  ) {}

  @Public()
  @Get('health/live')
  @Doc({ summary: 'Процесс шлюза жив (для оркестратора; не зависит от других сервисов)', response: livenessSchema, public: true })
  live() {
    return { status: 'up' as const, detail: this.lifecycle.draining ? 'Шлюз останавливается, текущие запросы завершаются' : 'Шлюз работает' };
  }

  @Public()
  @Get('health/ready')
  @Doc({ summary: 'Шлюз готов принимать запросы: сервисы, MongoDB, NATS, SMTP', response: healthSchema, public: true })
  ready(@Res() res: Response) {
    return this.health(res);
  }

  @Public()
  @Get('health')
  @Doc({ summary: 'Состояние системы: сервисы, MongoDB, NATS, SMTP (то же, что /health/ready)', response: healthSchema, public: true })
  async health(@Res() res: Response) {
    const answers = await Promise.all(
      Object.entries(healthRpcs).map(async ([name, rpc]) => {
        try {
          return [name, await this.bus.rpc.request(rpc, {}, { timeoutMs: this.config.HEALTH_TIMEOUT_MS })] as const;
        } catch {
          return [name, { service: name, status: 'down', checks: {} } as HealthStatus] as const;
        }
      }),
    );
    const services = Object.fromEntries(answers.map(([name, h]) => [name, h.status]));
    const checks = { mongo: await pingMongo(this.mongo), nats: this.bus.isUp() ? ('up' as const) : ('down' as const) };
    const down = [...Object.entries(services), ...Object.entries(checks)].filter(([, s]) => s === 'down').map(([n]) => n);
    if (this.lifecycle.draining) down.unshift('gateway');
    const degraded = answers
      .filter(([, h]) => h.status === 'degraded')
      .map(
        ([name, h]) =>
          `${name}: ${Object.entries(h.checks)
            .filter(([, s]) => s === 'down')
            .map(([c]) => c)
            .join(', ')}`,
      );
    const body = {
      status: down.length ? 'down' : degraded.length ? 'degraded' : 'up',
      services,
      checks,
      down,
      degraded,
      detail: down.length ? `Недоступны: ${down.join(', ')}` : degraded.length ? `Работают с ограничениями: ${degraded.join('; ')}` : 'Все сервисы работают',
    };
    res.status(down.length ? 503 : 200).json(body);
  }
}
