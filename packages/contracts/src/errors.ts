import { z } from 'zod';

/** One problem with one field of a request: `path` is dotted (`parties.1.organizationId`). */
export const fieldErrorSchema = z.strictObject({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** The error every service returns over NATS; the gateway turns it into a problem document. */
export const domainErrorSchema = z.strictObject({
  code: z.string(),
  status: z.number().int().min(400).max(599),
  message: z.string(),
  errors: z.array(fieldErrorSchema).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type DomainErrorBody = z.infer<typeof domainErrorSchema>;

/**
 * A domain error: a value with a code, an HTTP-like status and a Russian message for the user.
 * Thrown by use cases, carried over NATS, mapped to HTTP by the gateway.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 409,
    readonly errors?: FieldError[],
    readonly data?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toBody(): DomainErrorBody {
    return {
      code: this.code,
      status: this.status,
      message: this.message,
      ...(this.errors?.length ? { errors: this.errors } : {}),
      ...(this.data ? { data: this.data } : {}),
    };
  }

  static fromBody(body: DomainErrorBody): DomainError {
    return new DomainError(body.code, body.message, body.status, body.errors, body.data);
  }
}

export const errors = {
  validation: (fieldErrors: FieldError[]) => new DomainError('validation_failed', 'Запрос содержит ошибки', 400, fieldErrors),
  /** 404 with a whole Russian sentence, e.g. «Регистрация не найдена» (the noun's gender decides the ending). */
  notFound: (message: string) => new DomainError('not_found', message, 404),
  forbidden: (message = 'Недостаточно прав для этого действия') => new DomainError('forbidden', message, 403),
  conflict: (code: string, message: string, data?: Record<string, unknown>) => new DomainError(code, message, 409, undefined, data),
  internal: () => new DomainError('internal', 'Внутренняя ошибка сервиса. Попробуйте позже.', 500),
};

/** Zod issues → field errors (messages are Russian: the ru locale is configured in index.ts). */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

/**
 * Keys no input may carry, at any depth: `JSON.parse` makes `__proto__` an own key, which zod's
 * records silently drop and `constructor`/`prototype` pass as ordinary keys; code that merges
 * such an object could change what every object inherits. Refused like `$set`, by name.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function forbiddenKeys(value: unknown): FieldError[] {
  const found: FieldError[] = [];
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length && found.length < 20) {
    const [node, path] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    for (const key of Object.keys(node)) {
      const at = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) found.push({ path: at, message: `Недопустимый ключ «${key}»` });
      else stack.push([(node as Record<string, unknown>)[key], at]);
    }
  }
  return found;
}

/** Parse with a schema or throw a 400 DomainError naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const forbidden = forbiddenKeys(value);
  const result = schema.safeParse(value);
  if (forbidden.length || !result.success) throw errors.validation([...forbidden, ...(result.success ? [] : fieldErrorsOf(result.error))]);
  return result.data;
}
