import { Clock } from '@tochka/runtime';
import { TestEnv } from './env';
import { ServiceName } from '@tochka/contracts';

/** Anything a test starts and must stop: a service, the gateway. */
export interface Closable {
  close(): Promise<void>;
}
export type Starter<T extends Closable = Closable> = (opts: { overrides: Record<string, unknown>; clock?: Clock }) => Promise<T>;

export type Started<S extends Partial<Record<ServiceName, Starter>>> = { [K in keyof S]: S[K] extends Starter<infer T> ? T : never } & {
  close(): Promise<void>;
};

/**
 * Start services in-process against the test env: backend services first (in parallel), the
 * gateway last, all with the env's prefix and databases; `close()` stops them in reverse.
 */
export async function startStack<S extends Partial<Record<ServiceName, Starter>>>(
  env: TestEnv,
  starters: S,
  opts: { clock?: Clock; overrides?: Partial<Record<ServiceName, Record<string, unknown>>> } = {},
): Promise<Started<S>> {
  const started: Partial<Record<ServiceName, Closable>> = {};
  const start = async (name: ServiceName) => {
    started[name] = await starters[name]!({ overrides: env.overrides(name, opts.overrides?.[name]), clock: opts.clock });
  };
  const names = Object.keys(starters) as ServiceName[];
  try {
    await Promise.all(names.filter((n) => n !== 'gateway').map(start));
    if (starters.gateway) await start('gateway');
  } catch (err) {
    await Promise.allSettled(Object.values(started).map((s) => s!.close()));
    throw err;
  }
  return {
    ...started,
    async close() {
      if (started.gateway) await started.gateway.close();
      await Promise.allSettled(
        Object.entries(started)
          .filter(([n]) => n !== 'gateway')
          .map(([, s]) => s!.close()),
      );
    },
  } as Started<S>;
}
