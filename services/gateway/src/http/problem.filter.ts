import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '@tochka/contracts';
import { OUTAGE_RETRY_AFTER_SECONDS, outageOf } from '@tochka/messaging';
import { Logger, LOGGER } from '@tochka/runtime';

const titles: Record<number, string> = {
  400: 'Некорректный запрос',
  401: 'Требуется вход в систему',
  403: 'Доступ запрещён',
  404: 'Не найдено',
  405: 'Метод не поддерживается',
  409: 'Конфликт',
  413: 'Слишком большой запрос',
  414: 'Слишком длинный адрес запроса',
  415: 'Неподдерживаемый тип содержимого',
  422: 'Запрос не может быть выполнен',
  429: 'Слишком много запросов',
  500: 'Внутренняя ошибка',
  503: 'Сервис недоступен',
  504: 'Сервис не ответил вовремя',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { path: string; message: string }[];
  [key: string]: unknown;
}

/**
 * Every error leaves the gateway as an RFC 9457 problem document in Russian. Stack traces and
 * driver messages are logged, never sent.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    const outage = exception instanceof DomainError ? undefined : outageOf(exception);
    const problem = this.toProblem(outage ?? exception, req);
    if (outage || (exception instanceof DomainError && problem.status >= 500 && problem.code !== 'internal')) {
      // A dependency that is down, or a service that said so: one line, no stack.
      this.logger.warn({ path: req.path, status: problem.status, code: problem.code, err: (exception as Error)?.message }, 'dependency unavailable');
    } else if (problem.status >= 500) {
      const e = exception as Error;
      this.logger.error({ err: e?.message, stack: e?.stack, path: req.path, status: problem.status }, 'request failed');
    }
    sendProblem(res, problem);
  }

  private toProblem(exception: unknown, req: Request): Problem {
    if (exception instanceof DomainError) {
      return problem(exception.status, exception.code, exception.message, {
        ...(exception.errors?.length ? { errors: exception.errors } : {}),
        ...(exception.data ?? {}),
      });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Bodies are parsed (and refused) by jsonBodies before Nest; Nest raises these for routing.
      if (status === 404) return problem(404, 'route_not_found', `Адрес ${req.method} ${req.path} не найден`);
      return problem(status, `http_${status}`, titles[status] ?? 'Ошибка запроса');
    }
    return problem(500, 'internal', 'Внутренняя ошибка. Попробуйте позже.');
  }
}

/**
 * Send a problem document; 429 and 503 tell when to come back (Retry-After), from the
 * problem's `retryAfterSeconds` or, for an outage, a few seconds.
 */
export function sendProblem(res: Response, p: Problem): void {
  const retryAfter = typeof p.retryAfterSeconds === 'number' ? p.retryAfterSeconds : p.status === 503 ? OUTAGE_RETRY_AFTER_SECONDS : undefined;
  if ((p.status === 429 || p.status === 503) && retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
  res.status(p.status).type('application/problem+json').send(JSON.stringify(p));
}

export function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  return { type: `urn:tochka:problem:${code}`, title: titles[status] ?? 'Ошибка', status, detail, code, ...extra };
}
