import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError, idempotencyKeySchema } from '@tochka/contracts';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set on an answer that repeats the one given to an earlier request with the same key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** The optional `Idempotency-Key` header, checked; it travels to the service inside the command. */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const value = ctx.switchToHttp().getRequest<Request>().header(IDEMPOTENCY_KEY_HEADER);
  if (value === undefined) return undefined;
  const checked = idempotencyKeySchema.safeParse(value);
  if (!checked.success) {
    const message = checked.error.issues[0]?.message ?? 'Некорректный ключ Idempotency-Key';
    throw new DomainError('validation_failed', message, 400, [{ path: `header.${IDEMPOTENCY_KEY_HEADER}`, message }]);
  }
  return checked.data;
});
