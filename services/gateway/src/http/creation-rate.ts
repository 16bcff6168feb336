import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Connection } from 'mongoose';
import { DomainError } from '@tochka/contracts';
import { Clock, CLOCK, CONFIG, MONGO } from '@tochka/runtime';
import { AuthedRequest } from '../auth/actor';
import { GatewayConfig } from '../config';
import { SlotLimiter } from './slot-limiter';

const CREATES = 'tochka:creates';

/** A route that creates something (an agreement, an event, a registration, an account …): rate-limited per user. */
export const Creates = () => SetMetadata(CREATES, true);

/** Whether a handler is marked @Creates() (the authorisation matrix and the docs read it). */
export const createsSomething = (handler: object): boolean => Reflect.getMetadata(CREATES, handler) === true;

/**
 * Per-user rate limit of creating routes: at most CREATE_RATE_LIMIT_PER_MINUTE creations a minute
 * per account, all creating routes together, never more under any burst (SlotLimiter: unique-key
 * inserts of blocks of uses) — a stolen account cannot create 10,000 registrations a minute. Runs after AuthGuard.
 */
@Injectable()
export class CreationRateGuard implements CanActivate {
  private readonly limiter: SlotLimiter;

  constructor(
    private readonly reflector: Reflector,
    @Inject(MONGO) conn: Connection,
    @Inject(CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    // Blocks of an eighth of the limit: a burst from one account costs eight inserts, not one per creation.
    this.limiter = new SlotLimiter(conn, 'CreationSlot', 'creation_rate_slots', 60_000, Math.ceil(config.CREATE_RATE_LIMIT_PER_MINUTE / 8));
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (!this.reflector.get<boolean>(CREATES, ctx.getHandler())) return true;
    const actor = ctx.switchToHttp().getRequest<AuthedRequest>().actor;
    if (!actor) return true; // public routes create nothing
    const now = this.clock.now();
    const limit = this.config.CREATE_RATE_LIMIT_PER_MINUTE;
    if (await this.limiter.take(`user:${actor.userId}`, limit, now)) return true;
    const seconds = this.limiter.secondsLeft(now);
    throw new DomainError(
      'rate_limited',
      `Слишком много новых записей от одной учётной записи: не больше ${limit} в минуту. Повторите через ${seconds} с.`,
      429,
      undefined,
      { retryAfterSeconds: seconds },
    );
  }
}
