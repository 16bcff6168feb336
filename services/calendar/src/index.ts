import { Clock, startService } from '@tochka/runtime';
import { CalendarModule } from './app.module';
import { configSchema } from './config';

/** Start the calendar service (used by main.ts and by tests, which pass their own settings and clock). */
export function startCalendar(opts: { overrides?: Record<string, unknown>; clock?: Clock } = {}) {
  return startService({ service: 'calendar', configSchema, module: CalendarModule, ...opts });
}
