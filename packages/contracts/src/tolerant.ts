import { z } from 'zod';

/**
 * The same schema, at every depth, with objects that drop keys they do not know instead of
 * refusing them. Everything else — types, formats, refinements, defaults — stays as it is.
 *
 * Contracts are strict, and strict is right where input enters the system (HTTP bodies, commands
 * arriving at a service): that is what stops `$`-operators and typos. What a service consumes from
 * another (events, RPC replies) is read tolerantly, so that a producer may add a field before every
 * consumer knows it (README, Decisions: evolving contracts).
 */
export function tolerant<T extends z.ZodType>(schema: T): T {
  const known = cache.get(schema);
  if (known) return known as T;
  const made = rebuild(schema);
  cache.set(schema, made);
  return made as T;
}

const cache = new WeakMap<z.ZodType, z.ZodType>();

type AnyDef = Record<string, unknown> & { type: string };

function rebuild(schema: z.ZodType): z.ZodType {
  const def = schema._zod.def as unknown as AnyDef;
  const t = (s: unknown) => tolerant(s as z.ZodType);
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(Object.entries(def.shape as Record<string, z.ZodType>).map(([key, value]) => [key, t(value)]));
      const catchall = def.catchall as z.ZodType | undefined;
      const strict = catchall?._zod.def.type === 'never';
      return clone(schema, def, { shape, catchall: strict || !catchall ? undefined : t(catchall) });
    }
    case 'array':
      return clone(schema, def, { element: t(def.element) });
    case 'union':
      return clone(schema, def, { options: (def.options as z.ZodType[]).map(t) });
    case 'intersection':
      return clone(schema, def, { left: t(def.left), right: t(def.right) });
    case 'record':
    case 'map':
      return clone(schema, def, { keyType: t(def.keyType), valueType: t(def.valueType) });
    case 'set':
      return clone(schema, def, { valueType: t(def.valueType) });
    case 'tuple':
      return clone(schema, def, { items: (def.items as z.ZodType[]).map(t), rest: def.rest ? t(def.rest) : def.rest });
    case 'pipe':
      return clone(schema, def, { in: t(def.in), out: t(def.out) });
    case 'lazy': {
      const getter = def.getter as () => z.ZodType;
      return clone(schema, def, { getter: () => t(getter()) });
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
    case 'success':
    case 'promise':
      return clone(schema, def, { innerType: t(def.innerType) });
    default:
      return schema; // no objects inside
  }
}

/** A copy of the schema with some of its definition replaced (descriptors kept: zod defines some lazily). */
function clone(schema: z.ZodType, def: AnyDef, changes: Record<string, unknown>): z.ZodType {
  const merged = Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(def), ...Object.getOwnPropertyDescriptors(changes) });
  return schema.clone(merged as never);
}
