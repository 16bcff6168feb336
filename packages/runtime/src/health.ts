import { CheckState } from '@tochka/contracts';

/**
 * What a service's own providers add to `<service>.health` besides NATS and MongoDB (for
 * notifications: the SMTP server). These are not essential: one that fails makes the service
 * `degraded`, not `down`, because it still takes requests and keeps what it owes.
 */
export class HealthChecks {
  private readonly checks = new Map<string, () => Promise<boolean>>();

  register(name: string, check: () => Promise<boolean>): void {
    this.checks.set(name, check);
  }

  async run(): Promise<Record<string, CheckState>> {
    const entries = await Promise.all([...this.checks].map(async ([name, check]) => [name, (await check().catch(() => false)) ? 'up' : 'down'] as const));
    return Object.fromEntries(entries);
  }
}
