import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Connection } from 'mongoose';
import { z } from 'zod';
import { healthRpcs } from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS, CONFIG, MONGO, pingMongo } from '@tochka/runtime';
import { Public } from '../auth/actor';
import { GatewayConfig } from '../config';
import { Doc } from '../http/route';

const state = z.enum(['up', 'down']);
export const healthSchema = z.strictObject({
  status: state,
  services: z.record(z.string(), state),
  checks: z.record(z.string(), state),
  down: z.array(z.string()),
  detail: z.string(),
});

/** 200 when the four services (asked over NATS), Mongo and NATS answer; 503 naming what is down. */
@Controller()
export class HealthController {
  constructor(
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(MONGO) private readonly mongo: Connection,
    @Inject(CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Public()
  @Get('health')
  @Doc({ summary: 'Состояние системы: сервисы, MongoDB, NATS', response: healthSchema, public: true })
  async health(@Res() res: Response) {
    const services = Object.fromEntries(
      await Promise.all(
        Object.entries(healthRpcs).map(async ([name, rpc]) => {
          try {
            const h = await this.bus.rpc.request(rpc, {}, { timeoutMs: this.config.HEALTH_TIMEOUT_MS });
            return [name, h.status] as const;
          } catch {
            return [name, 'down' as const] as const;
          }
        }),
      ),
    );
    const checks = { mongo: await pingMongo(this.mongo), nats: this.bus.isUp() ? ('up' as const) : ('down' as const) };
    const down = [...Object.entries(services), ...Object.entries(checks)].filter(([, s]) => s === 'down').map(([n]) => n);
    const body = {
      status: down.length ? 'down' : 'up',
      services,
      checks,
      down,
      detail: down.length ? `Недоступны: ${down.join(', ')}` : 'Все сервисы работают',
    };
    res.status(down.length ? 503 : 200).json(body);
  }
}
