import { Body, ExecutionContext, Param, PipeTransform, Query, SetMetadata, applyDecorators, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { DomainError, parseOrThrow } from '@tochka/contracts';

/** One declaration per route serves both validation and the OpenAPI document. */
export const ROUTE_DOC = 'tochka:route-doc';
export const ROUTE_BODY = 'tochka:route-body';
export const ROUTE_QUERY = 'tochka:route-query';
export const ROUTE_HEADERS = 'tochka:route-headers';

export interface RouteDoc {
  summary: string;
  description?: string;
  response?: z.ZodType;
  /** Status of a successful answer (default 200, or 201 for creations). */
  status?: number;
  /** Response content type when not JSON (iCal, documents). */
  contentType?: string;
  /** The request body is a file of this type (not JSON), e.g. an XLSX upload. */
  requestContentType?: string;
  public?: boolean;
  /** Headers of a successful answer: name → Russian description. */
  responseHeaders?: Record<string, string>;
}

export interface HeaderDoc {
  name: string;
  schema: z.ZodType;
  description: string;
}

export const Doc = (doc: RouteDoc) => applyDecorators(SetMetadata(ROUTE_DOC, doc));

class ZodPipe implements PipeTransform {
  constructor(private readonly schema: z.ZodType) {}
  transform(value: unknown) {
    return parseOrThrow(this.schema, value ?? {});
  }
}

/** The request body, validated by a zod schema (400 with a Russian problem document otherwise). */
export function ValidBody(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Reflect.defineMetadata(ROUTE_BODY, schema, target, key!);
    Body(new ZodPipe(schema))(target, key, index);
  };
}

/** The query string, validated by a zod object schema. */
export function ValidQuery(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Reflect.defineMetadata(ROUTE_QUERY, schema, target, key!);
    Query(new ZodPipe(schema))(target, key, index);
  };
}

/** A path parameter that must be an id. */
export function IdParam(name = 'id'): ParameterDecorator {
  return Param(name, new ZodPipe(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Некорректный идентификатор')));
}

class HeaderPipe implements PipeTransform {
  constructor(private readonly header: HeaderDoc) {}
  transform(value: unknown) {
    if (value === undefined) return undefined;
    const checked = this.header.schema.safeParse(value);
    if (checked.success) return checked.data;
    const message = checked.error.issues[0]?.message ?? `Некорректный заголовок ${this.header.name}`;
    throw new DomainError('validation_failed', message, 400, [{ path: `header.${this.header.name}`, message }]);
  }
}

const headerValue = createParamDecorator((name: string, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<Request>().header(name));

/** An optional request header, validated by a zod schema (400 naming the header otherwise). */
export function ValidHeader(header: HeaderDoc): ParameterDecorator {
  return (target, key, index) => {
    const declared = (Reflect.getMetadata(ROUTE_HEADERS, target, key!) as HeaderDoc[] | undefined) ?? [];
    Reflect.defineMetadata(ROUTE_HEADERS, [...declared, header], target, key!);
    headerValue(header.name, new HeaderPipe(header))(target, key, index);
  };
}
