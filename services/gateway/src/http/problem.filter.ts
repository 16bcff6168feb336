import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '@tochka/contracts';
import { Logger, LOGGER } from '@tochka/runtime';

const titles: Record<number, string> = {
  400: 'Некорректный запрос',
  401: 'Требуется вход в систему',
  403: 'Доступ запрещён',
  404: 'Не найдено',
  405: 'Метод не поддерживается',
  409: 'Конфликт',
  413: 'Слишком большой запрос',
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
    const problem = this.toProblem(exception, req);
    if (problem.status >= 500) {
      const e = exception as Error;
      this.logger.error({ err: e?.message, stack: e?.stack, path: req.path, status: problem.status }, 'request failed');
    }
    if (problem.status === 429 && typeof problem.retryAfterSeconds === 'number') {
      res.setHeader('Retry-After', String(problem.retryAfterSeconds));
    }
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
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
      // Our validation throws DomainErrors; Nest raises these two only for what body-parser rejected.
      if (status === 400) return problem(400, 'malformed_json', 'Тело запроса не является корректным JSON');
      if (status === 413) return problem(413, 'payload_too_large', 'Тело запроса слишком большое');
      if (status === 404) return problem(404, 'route_not_found', `Адрес ${req.method} ${req.path} не найден`);
      return problem(status, `http_${status}`, titles[status] ?? 'Ошибка запроса');
    }
    return problem(500, 'internal', 'Внутренняя ошибка. Попробуйте позже.');
  }
}

export function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  return { type: `urn:tochka:problem:${code}`, title: titles[status] ?? 'Ошибка', status, detail, code, ...extra };
}
