import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { z } from 'zod';
import { ACCESS_RULES } from './access-rules';
import { HeaderDoc, ROUTE_BODY, ROUTE_DOC, ROUTE_HEADERS, ROUTE_QUERY, RouteDoc } from './route';

const problemSchema = {
  type: 'object',
  description: 'Документ об ошибке (RFC 9457); сообщения на русском',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
  },
  required: ['type', 'title', 'status', 'detail', 'code'],
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return rest;
}

/** Every controller of a Nest module and of the modules it imports (static metadata, nothing started). */
export function controllersOf(module: Type, seen = new Set<Type>()): Type[] {
  if (seen.has(module)) return [];
  seen.add(module);
  const own = (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) as Type[] | undefined) ?? [];
  const imports = (Reflect.getMetadata(MODULE_METADATA.IMPORTS, module) as unknown[] | undefined) ?? [];
  // Dynamic modules ({ module, … }) and forward references are skipped: none of ours has routes.
  const children = imports.filter((m): m is Type => typeof m === 'function');
  return [...own, ...children.flatMap((m) => controllersOf(m, seen))];
}

/**
 * OpenAPI 3.1 built from the same zod schemas that validate each route. It reads only the
 * controllers' decorator metadata, so the document (and the web app's generated client) can be
 * produced without NATS or MongoDB.
 */
export function buildOpenApi(controllers: Type[], publicUrl: string, version: string) {
  const paths: Record<string, Record<string, unknown>> = {};

  for (const controller of controllers) {
    const proto = controller.prototype as Record<string, unknown>;
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || typeof proto[name] !== 'function') continue;
      const handler = proto[name] as object;
      const doc = Reflect.getMetadata(ROUTE_DOC, handler) as RouteDoc | undefined;
      if (!doc) continue;
      const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
      const method = String(RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]).toLowerCase();
      const path = `/${[base, sub].join('/')}`
        .replace(/\/+/g, '/')
        .replace(/(.)\/$/, '$1')
        .replace(/:(\w+)/g, '{$1}');
      const body = Reflect.getMetadata(ROUTE_BODY, proto, name) as z.ZodType | undefined;
      const query = Reflect.getMetadata(ROUTE_QUERY, proto, name) as z.ZodType | undefined;
      const headers = (Reflect.getMetadata(ROUTE_HEADERS, proto, name) as HeaderDoc[] | undefined) ?? [];

      const parameters: unknown[] = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }));
      if (query) {
        const q = jsonSchema(query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
        for (const [param, schema] of Object.entries(q.properties ?? {})) {
          parameters.push({ name: param, in: 'query', required: q.required?.includes(param) ?? false, schema });
        }
      }
      for (const header of headers) {
        parameters.push({ name: header.name, in: 'header', required: false, description: header.description, schema: jsonSchema(header.schema, 'input') });
      }
      const status = String(doc.status ?? (method === 'post' && body ? 201 : 200));
      const responses: Record<string, unknown> = {
        [status]: {
          description: 'Успешно',
          ...(doc.responseHeaders
            ? { headers: Object.fromEntries(Object.entries(doc.responseHeaders).map(([h, description]) => [h, { description, schema: { type: 'string' } }])) }
            : {}),
          ...(doc.contentType
            ? { content: { [doc.contentType]: { schema: { type: 'string' } } } }
            : doc.response
              ? { content: { 'application/json': { schema: jsonSchema(doc.response, 'output') } } }
              : {}),
        },
        '400': { $ref: '#/components/responses/Problem' },
      };
      if (!doc.public) {
        responses['401'] = { $ref: '#/components/responses/Problem' };
        responses['403'] = { $ref: '#/components/responses/Problem' };
      }
      paths[path] ??= {};
      paths[path][method] = {
        summary: doc.summary,
        ...(doc.description ? { description: doc.description } : {}),
        tags: [path.split('/')[2] ?? path.split('/')[1] ?? 'system'],
        ...(doc.public ? { security: [] } : {}),
        // Who may call it (access-rules.ts; the authorisation matrix test holds the routes to it).
        ...(ACCESS_RULES[`${method.toUpperCase()} ${path}`] ? { 'x-roles': ACCESS_RULES[`${method.toUpperCase()} ${path}`]!.roles } : {}),
        ...(parameters.length ? { parameters } : {}),
        ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(body, 'input') } } } } : {}),
        ...(doc.requestContentType
          ? { requestBody: { required: true, content: { [doc.requestContentType]: { schema: { type: 'string', format: 'binary' } } } } }
          : {}),
        responses,
      };
    }
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Сеть центров «Точка роста» — API',
      version,
      description: 'Соглашения о сетевом взаимодействии, совместный календарь мероприятий, регистрация групп, уведомления.',
    },
    servers: [{ url: publicUrl }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: problemSchema },
      responses: {
        Problem: { description: 'Ошибка', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
    },
    paths,
  };
}
