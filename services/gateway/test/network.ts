import { startAgreements } from '@tochka/agreements';
import { startCalendar } from '@tochka/calendar';
import { startGateway } from '@tochka/gateway';
import { startNotifications } from '@tochka/notifications';
import { startRegistrations } from '@tochka/registrations';
import { startReports } from '@tochka/reports';
import { createTestEnv, ManualClock, SmtpSink, startSmtpSink, Started, startStack, TestEnv } from '@tochka/testing';

export type Network = Started<{
  agreements: typeof startAgreements;
  calendar: typeof startCalendar;
  registrations: typeof startRegistrations;
  notifications: typeof startNotifications;
  reports: typeof startReports;
  gateway: typeof startGateway;
}>;

/**
 * The whole network for the gateway's suites that go over every route: every service on the
 * district's clock (1 November 2022), the gateway on real time (its 15-minute tokens must not
 * expire when a test moves the clock), mails into an SMTP sink. `close` stops it all.
 */
export async function startNetwork(
  gateway: Record<string, unknown> = {},
): Promise<{ env: TestEnv; sink: SmtpSink; clock: ManualClock; stack: Network; close(): Promise<void> }> {
  const env = createTestEnv();
  const sink = await startSmtpSink();
  const clock = new ManualClock('2022-11-01T09:00:00Z');
  const stack = await startStack(
    env,
    {
      agreements: startAgreements,
      calendar: startCalendar,
      registrations: startRegistrations,
      notifications: startNotifications,
      reports: startReports,
      gateway: (o) => startGateway({ overrides: o.overrides }),
    },
    { clock, overrides: { gateway: { RPC_TIMEOUT_MS: 30_000, ...gateway }, notifications: { SMTP_URL: sink.url } } },
  );
  return {
    env,
    sink,
    clock,
    stack,
    close: async () => {
      await stack.close();
      await sink.close();
      await env.cleanup();
    },
  };
}
