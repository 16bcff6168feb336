import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { EventContract } from '@tochka/contracts';

type Class = abstract new (...args: never[]) => unknown;

/** The names of every event some `@OnEvent` handler of the module (and the modules it imports) takes. */
export function eventsHandledBy(module: Class): Set<string> {
  const handled = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (m: unknown) => {
    if (!m || seen.has(m)) return;
    seen.add(m);
    const dynamic = m as { module?: Class; controllers?: Class[]; imports?: unknown[] };
    const target = dynamic.module ?? (m as Class);
    const controllers: Class[] = [...(Reflect.getMetadata('controllers', target) ?? []), ...(dynamic.controllers ?? [])];
    for (const controller of controllers) {
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const method = proto[name];
        if (typeof method !== 'function') continue;
        for (const pattern of (Reflect.getMetadata(PATTERN_METADATA, method) as unknown[] | undefined) ?? []) {
          if (typeof pattern === 'string') handled.add(pattern);
        }
      }
    }
    for (const imported of [...(Reflect.getMetadata('imports', target) ?? []), ...(dynamic.imports ?? [])]) visit(imported);
  };
  visit(module);
  return handled;
}

/**
 * The events of the given contract families (`agreementEvents`, …) that no handler of the module
 * takes. A service that mirrors a family into a read model must handle all of it: the consumer
 * acknowledges events nobody claims, so a forgotten one would leave the read model stale silently.
 */
export function unhandledEvents(module: Class, families: Record<string, EventContract>[]): string[] {
  const handled = eventsHandledBy(module);
  return families.flatMap((family) => Object.values(family).map((c) => c.name)).filter((name) => !handled.has(name));
}
