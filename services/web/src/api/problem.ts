/** An RFC 9457 problem document from the gateway (Russian `detail`, field `errors`), as an Error. */
export interface FieldError {
  path: string;
  message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    /** Seconds from `Retry-After` (throttled login). */
    readonly retryAfter?: number,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }

  /** The field errors by dotted path: `children`, `adults.0.phone`. */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.errors.map((e) => [e.path, e.message]));
  }
}

/** Could not reach the gateway at all. */
export const OFFLINE = new ApiProblem(0, 'offline', 'Нет связи с сервером. Проверьте подключение к интернету и попробуйте ещё раз.');

export async function problemFrom(response: Response, body: unknown): Promise<ApiProblem> {
  const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
  if (body && typeof body === 'object' && 'detail' in body) {
    const { status, code, detail, errors, type: _t, title: _ti, ...extra } = body as Record<string, unknown>;
    return new ApiProblem(Number(status ?? response.status), String(code ?? 'error'), String(detail), (errors as FieldError[]) ?? [], retryAfter, extra);
  }
  const generic: Record<number, string> = {
    404: 'Страница или запись не найдена.',
    502: 'Сервер временно недоступен. Попробуйте через минуту.',
    503: 'Сервер временно недоступен. Попробуйте через минуту.',
    504: 'Сервер не ответил вовремя. Попробуйте ещё раз.',
  };
  return new ApiProblem(
    response.status,
    `http_${response.status}`,
    generic[response.status] ?? 'Не удалось выполнить запрос. Попробуйте ещё раз.',
    [],
    retryAfter,
  );
}

/** Any error as a Russian sentence for the page. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiProblem) return error.detail;
  return 'Что-то пошло не так. Обновите страницу и попробуйте ещё раз.';
}
