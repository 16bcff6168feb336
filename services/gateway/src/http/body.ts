import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { Logger } from '@tochka/runtime';
import { problem, sendProblem } from './problem.filter';

/** Largest JSON body a route takes unless it declares more (see `bodyLimitFor`). */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * Body limits per route, where a route needs another than DEFAULT_BODY_LIMIT: a login is two
 * short strings; a paper agreement with its parties, or a registration with its adults, fits the
 * default many times over; imports of agreements signed on paper may carry long notes.
 */
const BODY_LIMITS: [RegExp, number][] = [
  [/^\/api\/auth\/login$/, 4 * 1024],
  [/^\/api\/agreements\/import$/, 256 * 1024],
];

export function bodyLimitFor(req: Request): number {
  return BODY_LIMITS.find(([path]) => path.test(req.path))?.[1] ?? DEFAULT_BODY_LIMIT;
}

/**
 * The routes whose body is a file of a declared type (`@Doc({ requestContentType })`, e.g. the
 * plan-schedule XLSX): such a body is left for the route to read (`readFileBody`, with its own
 * type and size checks, 415 and 413 in its words). Learnt from the OpenAPI document.
 */
export class FileRoutes {
  private routes: { method: string; path: RegExp; type: string }[] = [];

  learn(paths: Record<string, Record<string, unknown>>): void {
    for (const [path, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const content = (op as { requestBody?: { content?: Record<string, unknown> } }).requestBody?.content ?? {};
        for (const type of Object.keys(content).filter((t) => t !== 'application/json')) {
          const pattern = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+');
          this.routes.push({ method: method.toUpperCase(), path: new RegExp(`^${pattern}$`), type });
        }
      }
    }
  }

  /** The file type the route takes, when it takes one. */
  typeFor(req: Request): string | undefined {
    return this.routes.find((r) => r.method === req.method && r.path.test(req.path))?.type;
  }
}

/** Whether the request carries a body at all (a length above zero, or chunks). */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/**
 * Request bodies: JSON only, parsed by one parser whose every refusal is a Russian problem
 * document and one warning line (no stack: none of this is our bug).
 * - a body sent as anything but JSON (text/plain, XML, multipart, octet-stream, `*`/`*`, or no
 *   Content-Type) → 415, before authentication and before any route runs: a command must never
 *   run with defaults because its body was not read;
 * - over the route's limit, also after decompression (a gzip bomb) → 413;
 * - a Content-Encoding other than gzip/deflate/br, a charset other than UTF-8 → 415;
 * - broken JSON or a broken compressed stream → 400.
 * An empty body (no Content-Length or 0) is an empty command, as before.
 */
export function jsonBodies(logger: Logger, limitFor: (req: Request) => number = () => DEFAULT_BODY_LIMIT, fileRoutes = new FileRoutes()): RequestHandler {
  const parsers = new Map<number, RequestHandler>();
  const parserFor = (limit: number) => {
    let parser = parsers.get(limit);
    if (!parser) {
      parser = express.json({ limit, type: JSON_TYPES, strict: true });
      parsers.set(limit, parser);
    }
    return parser;
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if (!hasBody(req)) return next();
    const refuse = (status: number, code: string, detail: string, cause?: unknown) => {
      const c = cause as { type?: string; message?: string } | undefined;
      logger.warn({ method: req.method, path: req.path, status, code, ...(c ? { reason: c.type ?? c.message } : {}) }, 'request body refused');
      sendProblem(res, problem(status, code, detail));
    };
    // A route that takes a file reads its body itself and names the type it wants (415 otherwise).
    if (fileRoutes.typeFor(req)) return next();
    if (!req.is(JSON_TYPES)) {
      const type = req.headers['content-type'];
      return refuse(
        415,
        'unsupported_media_type',
        type
          ? `Тело запроса должно быть в формате JSON (Content-Type: application/json), получено: ${String(type).slice(0, 80)}`
          : 'Тело запроса должно быть в формате JSON: укажите заголовок Content-Type: application/json',
      );
    }
    const limit = limitFor(req);
    parserFor(limit)(req, res, (err?: unknown) => {
      if (!err) return next();
      const type = (err as { type?: string }).type;
      switch (type) {
        case 'entity.too.large':
          return refuse(413, 'payload_too_large', `Тело запроса слишком большое: не больше ${Math.round(limit / 1024)} КиБ`, err);
        case 'encoding.unsupported':
          return refuse(
            415,
            'unsupported_encoding',
            `Сжатие тела «${String(req.headers['content-encoding']).slice(0, 40)}» не поддерживается: используйте gzip, deflate или br`,
            err,
          );
        case 'charset.unsupported':
          return refuse(415, 'unsupported_charset', 'Тело запроса должно быть в кодировке UTF-8', err);
        case 'entity.parse.failed':
          return refuse(400, 'malformed_json', 'Тело запроса не является корректным JSON', err);
        default:
          return refuse(400, 'malformed_body', 'Тело запроса не удалось прочитать: повреждено сжатие или соединение прервалось', err);
      }
    });
  };
}
