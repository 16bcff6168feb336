import type { Request, Response } from 'express';
import { DomainError, RenderedDocument } from '@tochka/contracts';

const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** The plain-ASCII `filename` for old clients: the Russian name transliterated. */
export function asciiFileName(name: string): string {
  const latin = [...name].map((c) => {
    const t = TRANSLIT[c.toLowerCase()];
    if (t === undefined) return c;
    return c === c.toLowerCase() ? t : t.charAt(0).toUpperCase() + t.slice(1);
  });
  return latin
    .join('')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+/g, '_');
}

/** RFC 6266 / RFC 5987: an ASCII `filename` and the Russian one as `filename*=UTF-8''…`. */
export function contentDisposition(name: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${encoded}`;
}

export function sendDocument(res: Response, doc: RenderedDocument): void {
  const bytes = Buffer.from(doc.data, 'base64');
  res.status(200);
  res.setHeader('Content-Type', doc.contentType);
  res.setHeader('Content-Disposition', contentDisposition(doc.fileName));
  res.setHeader('Content-Length', String(bytes.length));
  res.setHeader('Cache-Control', 'private, no-store');
  res.end(bytes);
}

/** The request body as bytes of the given type, at most `limit` of them (415 / 413 in Russian otherwise). */
export async function readFileBody(req: Request, contentType: string, limit: number, what: string): Promise<Buffer> {
  const type = (req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== contentType) {
    throw new DomainError('unsupported_media_type', `Ожидается ${what} (Content-Type: ${contentType})`, 415);
  }
  const declared = Number(req.header('content-length') ?? 0);
  if (declared > limit) throw new DomainError('payload_too_large', `Файл больше ${Math.round(limit / 1024)} КБ`, 413);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new DomainError('payload_too_large', `Файл больше ${Math.round(limit / 1024)} КБ`, 413);
    chunks.push(chunk);
  }
  if (!size) throw new DomainError('validation_failed', 'Файл пуст', 400);
  return Buffer.concat(chunks);
}
