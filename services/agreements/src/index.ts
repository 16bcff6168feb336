import { Clock, startService } from '@tochka/runtime';
import { AgreementsModule } from './app.module';
import { configSchema } from './config';

/** Start the agreements service (used by main.ts and by tests, which pass their own settings and clock). */
export function startAgreements(opts: { overrides?: Record<string, unknown>; clock?: Clock } = {}) {
  return startService({ service: 'agreements', configSchema, module: AgreementsModule, ...opts });
}
