import { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Logger } from './logger';

/**
 * Run `tick` every `intervalMs`, never two at once in this process, and wait for the one in
 * hand on stop. Across processes, ticks must be safe to repeat (unique keys or locks).
 */
export class Periodic {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly name: string,
    private readonly tick: () => Promise<void>,
    private readonly logger: Logger,
  ) {}

  /**
   * Idempotent: Nest 11's microservice runs bootstrap hooks twice when `init()` precedes
   * `listen()` (as in startService); a second timer would outlive `stop()`.
   */
  start(intervalMs: number): void {
    if (this.timer) return;
    this.run();
    this.timer = setInterval(() => this.run(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private run(): void {
    this.running ??= this.tick()
      .catch((err: Error) => this.logger.error({ err: err.message }, `${this.name} failed`))
      .finally(() => (this.running = undefined));
  }
}

/**
 * A Nest provider that runs its `tick` periodically from application bootstrap until module
 * destroy (schedulers: agreement expiry, reminders, digest).
 */
export abstract class PeriodicTask implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly periodic: Periodic;

  protected constructor(
    name: string,
    private readonly intervalMs: number,
    logger: Logger,
  ) {
    this.periodic = new Periodic(name, () => this.tick(), logger);
  }

  /** One pass; safe to repeat, in this process and in others. */
  abstract tick(): Promise<void>;

  onApplicationBootstrap(): void {
    this.periodic.start(this.intervalMs);
  }

  onModuleDestroy(): Promise<void> {
    return this.periodic.stop();
  }
}
