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
