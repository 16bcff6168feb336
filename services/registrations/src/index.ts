import { Clock, startService } from '@tochka/runtime';
import { RegistrationsModule } from './app.module';
import { configSchema } from './config';

/** Start the registrations service (used by main.ts and by tests, which pass their own settings and clock). */
export function startRegistrations(opts: { overrides?: Record<string, unknown>; clock?: Clock } = {}) {
  return startService({ service: 'registrations', configSchema, module: RegistrationsModule, ...opts });
}
