import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Public } from '../auth/actor';
import { Doc } from '../http/route';
import { answer, Conditions, FeedAnswer, IcalFeeds } from './ical-feeds';

/** `GET /ical/<token>.ics`: a subscribed calendar app polls this without logging in. */
@Controller('ical')
export class IcalFeedController {
  constructor(private readonly feeds: IcalFeeds) {}

  @Get(':token.ics')
  @Public()
  @Doc({
    summary: 'iCal-календарь по секретному адресу подписки (без входа); ETag/Last-Modified, ответ 304 на условный запрос',
    contentType: 'text/calendar',
    public: true,
  })
  async feed(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(req, res, await this.feeds.open(token, conditionsOf(req)));
  }
}

const FEED_PATH = /^\/ical\/([A-Za-z0-9_-]{43})\.ics$/;
const FEED_ROUTE = '/ical/:token.ics';

/**
 * Feeds this gateway holds in memory, answered before the route machinery (guards, interceptors,
 * parameter pipes): a calendar app's poll then costs what a static file costs, no NATS, no
 * database. Everything else — unknown tokens, answers not held or no longer current — goes on to
 * the route above, which asks the calendar. Registered after the correlation, metrics, tracing
 * and security-header middleware, so the answer carries the same headers either way.
 */
export function feedsFromMemory(feeds: IcalFeeds) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const match = req.method === 'GET' || req.method === 'HEAD' ? FEED_PATH.exec(req.path) : null;
    const body = match ? feeds.fromMemory(match[1]!) : undefined;
    if (body) {
      // Counted and traced under the route's pattern, as the route itself would be (never the token).
      (req as { route?: { path: string } }).route = { path: FEED_ROUTE };
      send(req, res, answer(body, conditionsOf(req)));
    } else {
      next();
    }
  };
}

function send(req: Request, res: Response, answer: FeedAnswer): void {
  res.setHeader('ETag', answer.etag);
  res.setHeader('Last-Modified', answer.lastModified.toUTCString());
  // The address is a secret: no shared caches; clients revalidate with the validators.
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('Vary', 'Accept-Encoding');
  if (answer.status === 304) {
    res.status(304).end();
    return;
  }
  res.status(200).setHeader('Content-Type', 'text/calendar; charset=utf-8');
  if (acceptsGzip(req)) {
    res.setHeader('Content-Encoding', 'gzip');
    res.end(answer.gzip);
  } else {
    res.end(answer.plain);
  }
}

function conditionsOf(req: Request): Conditions {
  const inm = req.header('if-none-match');
  const ims = req.header('if-modified-since');
  const since = ims ? new Date(ims) : undefined;
  return {
    ifNoneMatch: inm
      ? inm
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)
      : [],
    ...(since && !Number.isNaN(since.getTime()) ? { ifModifiedSince: since } : {}),
  };
}

function acceptsGzip(req: Request): boolean {
  return (req.header('accept-encoding') ?? '').split(',').some((part) => {
    const [coding = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return coding.trim().toLowerCase() === 'gzip' && (!q || Number(q.slice(2)) > 0);
  });
}
