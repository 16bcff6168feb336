import { DomainError } from '@tochka/contracts';

/** How long a client is told to wait before trying again after a dependency outage. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** Driver errors that mean the database could not be reached, not that the request was wrong. */
const DATABASE_DOWN = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoServerClosedError',
]);
/**
 * A write the driver reports in its own wrapper (MongoBulkWriteError, MongoWriteConcernError, …)
 * whose cause was the connection, not the data: it carries the network error's labels or message.
 */
function lostMongoConnection(e: { name?: string; message?: string; errorLabels?: unknown; writeErrors?: unknown[] }): boolean {
  if (!e.name?.startsWith('Mongo')) return false;
  if (Array.isArray(e.writeErrors) && e.writeErrors.length) return false; // refused documents: the caller's business
  const labels = Array.isArray(e.errorLabels) ? e.errorLabels : e.errorLabels instanceof Set ? [...e.errorLabels] : [];
  // The socket's own error may come through as the wrapper's message (`read ECONNRESET` when the
  // server died under an insertMany, seen in the fault suite).
  return (
    labels.includes('ResetPool') ||
    /^connection (\d+ )?to \S+ (closed|timed out)/.test(e.message ?? '') ||
    /^(read|write|connect) (ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT)\b/.test(e.message ?? '')
  );
}

/**
 * A connection of ours that broke under a request (the driver sometimes lets the socket's own
 * error through): some dependency went away, which one the error does not say.
 */
const SOCKET_BROKEN = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
/** NATS client errors that mean the bus is not there right now (NatsError codes). */
const BUS_DOWN = new Set(['CONNECTION_CLOSED', 'CONNECTION_DRAINING', 'CONNECTION_REFUSED', 'CONNECTION_TIMEOUT', 'DISCONNECT']);

/**
 * A dependency outage as the user should hear it: 503 with Retry-After, in Russian, never 500.
 * Undefined for anything else (a bug stays a 500 and is logged with its stack).
 */
export function outageOf(err: unknown, depth = 0): DomainError | undefined {
  const e = err as { name?: string; code?: unknown; message?: string; cause?: unknown; errorLabels?: unknown; writeErrors?: unknown[] } | undefined;
  if (!e || typeof e !== 'object') return undefined;
  const retry = { retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS };
  if ((e.name && DATABASE_DOWN.has(e.name)) || (e.name === 'MongooseError' && /buffering timed out/.test(e.message ?? '')) || lostMongoConnection(e)) {
    return new DomainError('database_unavailable', 'База данных временно недоступна. Повторите запрос через несколько секунд.', 503, undefined, retry);
  }
  if (typeof e.code === 'string' && BUS_DOWN.has(e.code) && /nats|connection|disconnect/i.test(`${e.name} ${e.message}`)) {
    return new DomainError('bus_unavailable', 'Связь между сервисами временно нарушена. Повторите запрос через несколько секунд.', 503, undefined, retry);
  }
  if (typeof e.code === 'string' && SOCKET_BROKEN.has(e.code)) {
    return new DomainError(
      'dependency_unavailable',
      'Временно недоступна служба, без которой нельзя ответить. Повторите запрос через несколько секунд.',
      503,
      undefined,
      retry,
    );
  }
  return e.cause && depth < 5 ? outageOf(e.cause, depth + 1) : undefined;
}
