import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../auth/actor';
import { Doc } from '../http/route';
import { Conditions, IcalFeeds } from './ical-feeds';

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
    const answer = await this.feeds.open(token, conditionsOf(req));
    res.setHeader('ETag', answer.etag);
    res.setHeader('Last-Modified', answer.lastModified.toUTCString());
    // The address is a secret: no shared caches; clients revalidate with the validators.
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Vary', 'Accept-Encoding');
    if (answer.status === 304) {
      res.status(304).end();
      return;
    }
    res.status(200).type('text/calendar; charset=utf-8');
    if (acceptsGzip(req)) {
      res.setHeader('Content-Encoding', 'gzip');
      res.end(answer.gzip);
    } else {
      res.end(answer.plain);
    }
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
