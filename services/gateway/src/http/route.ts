import { Body, Param, PipeTransform, Query, SetMetadata, applyDecorators } from '@nestjs/common';
import { z } from 'zod';
import { parseOrThrow } from '@tochka/contracts';

/** One declaration per route serves both validation and the OpenAPI document. */
export const ROUTE_DOC = 'tochka:route-doc';
export const ROUTE_BODY = 'tochka:route-body';
export const ROUTE_QUERY = 'tochka:route-query';

export interface RouteDoc {
  summary: string;
  description?: string;
  response?: z.ZodType;
  /** Status of a successful answer (default 200, or 201 for creations). */
  status?: number;
  /** Response content type when not JSON (iCal). */
  contentType?: string;
  public?: boolean;
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
