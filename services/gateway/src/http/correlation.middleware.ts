import type { NextFunction, Request, Response } from 'express';
import { HEADERS } from '@tochka/contracts';
import { newCorrelationId, runWithContext } from '@tochka/messaging';
import { Logger } from '@tochka/runtime';

const VALID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Take the caller's correlation id (or make one), echo it, carry it through NATS into every log
 * line, and write one access-log line per request (iCal tokens masked: they are secrets). The
 * request's context also carries a signal that aborts when the client disconnects unanswered.
 */
export function correlationMiddleware(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = req.header(HEADERS.correlationId);
    const correlationId = given && VALID.test(given) ? given : newCorrelationId();
    res.setHeader(HEADERS.correlationId, correlationId);
    const started = performance.now();
    res.on('finish', () => {
      logger.info(
        {
          correlationId,
          method: req.method,
          path: req.path.replace(/^\/ical\/[^/]+/, '/ical/***'),
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'http request',
      );
    });
    // A client that goes away before its answer is not waited for: its RPCs stop waiting at once
    // (RpcClient), and a service skips what it has not begun once the wait it was told has passed.
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    runWithContext({ correlationId, signal: gone.signal }, next);
  };
}
