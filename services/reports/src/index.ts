import { Clock, startService } from '@tochka/runtime';
import { ReportsModule } from './app.module';
import { configSchema } from './config';

/** Start the reports service (used by main.ts and by tests, which pass their own settings and clock). */
export function startReports(opts: { overrides?: Record<string, unknown>; clock?: Clock } = {}) {
  return startService({ service: 'reports', configSchema, module: ReportsModule, ...opts });
}
