import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { DomainError } from '@tochka/contracts';

/** Per-request context: one correlation id from the HTTP request through NATS to every log line. */
export interface RequestContext {
  correlationId: string;
  /** When the caller of the request stops waiting for the answer (epoch ms, this process's clock). */
  deadline?: number;
  /** Aborted when the caller has gone (the HTTP client disconnected): nothing more is done for it. */
  signal?: AbortSignal;
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

/** Milliseconds the caller of the current request still waits (undefined: no limit known). */
export function remainingPatience(): number | undefined {
  const deadline = storage.getStore()?.deadline;
  return deadline === undefined ? undefined : deadline - Date.now();
}

/** The 504 of work skipped because its caller had stopped waiting before it began. */
export function callerGone(): DomainError {
  return new DomainError('service_timeout', 'Запрос ждал дольше, чем его ждали: он не выполнялся, ничего не изменено. Повторите.', 504);
}

/**
 * A query's `maxTimeMS` for a read made on behalf of the current request: what its caller still
 * waits (at least 1 ms), or undefined when no wait is known. Only for reads: a write is never cut.
 */
export function readTimeLimit(): number | undefined {
  const left = remainingPatience();
  return left === undefined ? undefined : Math.max(1, Math.floor(left));
}

/** A read bounded by `readTimeLimit`: the server stopping it (MaxTimeMSExpired) becomes the caller-gone 504. */
export async function boundedRead<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (err) {
    if ((err as { code?: number })?.code === 50) throw callerGone();
    throw err;
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
