import { z } from 'zod';
import { ROLES } from './labels';

export const roleSchema = z.enum(ROLES);

/** Ids are opaque strings (Mongo ObjectIds in hex today). */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Некорректный идентификатор');

/** A calendar date (Europe/Moscow), e.g. 2022-10-20. */
export const calendarDateSchema = z.iso.date({ error: 'Ожидается дата в формате ГГГГ-ММ-ДД' });

/** A UTC instant as ISO-8601 with offset. */
export const instantSchema = z.iso.datetime({ offset: true, error: 'Ожидается дата и время в формате ISO 8601' });

export const emailSchema = z.email({ error: 'Некорректный адрес электронной почты' }).max(254);

/** Who is asking: set by the gateway from the verified token, never from the request body. */
export const actorSchema = z.strictObject({
  userId: idSchema,
  role: roleSchema,
  organizationId: idSchema,
});
export type Actor = z.infer<typeof actorSchema>;

export const paginationSchema = z.strictObject({
  // Page size is capped; so is the page number, which would otherwise ask the database to skip
  // an absurd number of documents.
  limit: z.coerce.number().int().min(1).max(200, 'Не больше 200 записей на странице').default(50),
  page: z.coerce.number().int().min(1).max(10_000, 'Номер страницы не больше 10 000').default(1),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.strictObject({
    items: z.array(item),
    total: z.number().int().min(0),
    page: z.number().int().min(1),
    limit: z.number().int().min(1),
  });
}

export const emptySchema = z.strictObject({});

/**
 * On an event that a load of paper records produced (`agreements.import`, `calendar.events.import`):
 * read models take it in, nobody is told, since it is no news.
 */
export const importedFlag = { imported: z.literal(true).optional() };

/** `Idempotency-Key` of a creating request (header in HTTP, field in the command). */
export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,200}$/, 'Ключ Idempotency-Key: от 1 до 200 печатных латинских символов без пробелов');
