import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { NextFunction, Request, Response } from 'express';
import type { Logger } from '@tochka/runtime';

/** Paths the gateway's own routes answer; the web app never shadows them. */
const NOT_THE_APP = /^\/(api|ical|health)(\/|$)/;
/** Vite puts every hashed bundle here: its name changes with its content. */
const HASHED = /^\/assets\//;

/**
 * The page's Content-Security-Policy: scripts, styles, fonts, images and API calls from the
 * app's own origin only. `style-src 'unsafe-inline'`: Mantine and FullCalendar set inline style
 * attributes and inject their CSS variables as <style> elements; scripts stay strictly 'self'.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function pageHeaders(res: Response) {
  res.setHeader('Content-Security-Policy', WEB_APP_CSP);
  res.setHeader('Cache-Control', 'no-cache');
}

/**
 * Serves the built web app (`services/web/dist`) at `/`: hashed assets with a year-long immutable
 * cache, `index.html` with `no-cache` for every client route (SPA fallback). `/api`, `/ical` and
 * `/health` pass through untouched. Without a built app the gateway serves the API alone.
 */
export function webApp(dist: string, logger: Logger) {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) {
    logger.warn({ dist }, 'web app not built (pnpm build): serving the API only');
    return (_req: Request, _res: Response, next: NextFunction) => next();
  }
  const files = express.static(dist, {
    index: false,
    fallthrough: true,
    setHeaders(res, path) {
      if (path.startsWith(join(dist, 'assets'))) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      else pageHeaders(res);
    },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_THE_APP.test(req.path)) return next();
    if (req.path === '/' || req.path === '/index.html') return sendIndex(res, index, next);
    files(req, res, () => {
      // A missing hashed asset is a 404 (an old bundle), never the page in its place.
      if (HASHED.test(req.path)) return next();
      sendIndex(res, index, next);
    });
  };
}

function sendIndex(res: Response, index: string, next: NextFunction) {
  pageHeaders(res);
  res.type('html').sendFile(index, (err) => err && next(err));
}
