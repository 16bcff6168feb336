import { startAgreements } from '@tochka/agreements';
import { startCalendar } from '@tochka/calendar';
import { startGateway } from '@tochka/gateway';
import { ManualClock, Started, startStack, TestEnv } from '@tochka/testing';

export type CalendarStack = Started<{ agreements: typeof startAgreements; calendar: typeof startCalendar; gateway: typeof startGateway }>;

/**
 * Agreements and calendar on a manual clock; the gateway on real time (its 15-minute tokens must
 * not expire when a test moves the district's clock by weeks).
 */
export function startCalendarStack(env: TestEnv, clock: ManualClock, calendarOverrides: Record<string, unknown> = {}): Promise<CalendarStack> {
  return startStack(
    env,
    {
      agreements: (o) => startAgreements({ ...o, overrides: { ...o.overrides, AGREEMENT_SCHEDULER_INTERVAL_MS: 100 } }),
      calendar: (o) => startCalendar({ ...o, overrides: { ...o.overrides, ...calendarOverrides } }),
      gateway: (o) => startGateway({ overrides: o.overrides }),
    },
    { clock },
  );
}
