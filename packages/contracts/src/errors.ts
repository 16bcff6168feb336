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
  validation: (fieldErrors: FieldError[]) =>
    new DomainError('validation_failed', 'Запрос содержит ошибки', 400, fieldErrors),
  notFound: (what: string) => new DomainError('not_found', `${what} не найдено`, 404),
  forbidden: (message = 'Недостаточно прав для этого действия') => new DomainError('forbidden', message, 403),
  conflict: (code: string, message: string, data?: Record<string, unknown>) =>
    new DomainError(code, message, 409, undefined, data),
  internal: () => new DomainError('internal', 'Внутренняя ошибка сервиса. Попробуйте позже.', 500),
};

/** Zod issues → field errors (messages are Russian: the ru locale is configured in index.ts). */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

/** Parse with a schema or throw a 400 DomainError naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw errors.validation(fieldErrorsOf(result.error));
  return result.data;
}
