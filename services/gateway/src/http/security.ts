import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { problem, sendProblem } from './problem.filter';

/** Longest query string any route takes (filters, paging); longer → 414. */
export const MAX_QUERY_LENGTH = 2048;

/** Nothing of the API is a page: it loads nothing and may be framed by no one. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** Swagger UI (`/api/docs`): its own scripts and styles (its styles are partly inline), framed by no one. */
const DOCS_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Security headers on every response (helmet): nosniff, no framing (X-Frame-Options DENY and CSP
 * frame-ancestors), no referrer, same-origin resource and opener policies. HSTS only on requests
 * that came over TLS (directly, or through a proxy trusted by TRUST_PROXY saying
 * X-Forwarded-Proto: https): sent over plain HTTP it would be ignored, and on a developer's
 * http://localhost it would pin the host to HTTPS. The API and /health get a CSP that allows
 * nothing; the web app's pages (services/web, served at /) set their own CSP, which this leaves alone.
 */
export function securityHeaders(): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: false,
      strictTransportSecurity: false,
      xFrameOptions: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
    (req: Request, res: Response, next: NextFunction) => {
      if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
      if (req.path === '/api/docs' || req.path.startsWith('/api/docs/')) res.setHeader('Content-Security-Policy', DOCS_CSP);
      else if (req.path.startsWith('/api/') || req.path === '/api' || req.path.startsWith('/ical/') || req.path === '/health') {
        res.setHeader('Content-Security-Policy', API_CSP);
      }
      next();
    },
  ];
}

/** A query string over MAX_QUERY_LENGTH is refused (414) before anything parses it. */
export function queryLengthLimit(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const q = req.originalUrl.indexOf('?');
    if (q >= 0 && req.originalUrl.length - q - 1 > MAX_QUERY_LENGTH) {
      return sendProblem(res, problem(414, 'query_too_long', `Строка запроса слишком длинная: не больше ${MAX_QUERY_LENGTH} символов`));
    }
    next();
  };
}
