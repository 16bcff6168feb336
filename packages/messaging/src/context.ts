import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { DomainError } from '@tochka/contracts';

/** Per-request context: one correlation id from the HTTP request through NATS to every log line. */
export interface RequestContext {
  correlationId: string;
  /** When the caller of the request stops waiting for the answer (epoch ms, this process's clock). */
  deadline?: number;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** Throw, before a write, when the caller of the request has stopped waiting: it was told 504, so nothing may change. */
export function assertCallerWaiting(): void {
  const deadline = storage.getStore()?.deadline;
  if (deadline !== undefined && Date.now() > deadline) {
    throw new DomainError('service_timeout', 'Запрос выполнялся дольше, чем его ждали: ничего не изменено. Повторите.', 504);
  }
}

export function newCorrelationId(): string {
  return randomUUID();
}

/** Minimal structured logger the messaging code needs; pino satisfies it. */
export interface BusLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
