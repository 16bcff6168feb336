import { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { IdlePoll } from '@tochka/messaging';
import { Logger } from './logger';

/**
 * A Nest provider that runs its `tick` from application bootstrap until module destroy, one at a
 * time in this process, `intervalMs` after the previous one ended (schedulers: agreement expiry,
 * reminders, the digest), and waits for the one in hand on stop. The same poller as the outbox
 * relay and the mail sender (IdlePoll), at a fixed rate: a tick always counts as work. Across
 * processes, ticks must be safe to repeat (unique keys or locks).
 */
export abstract class PeriodicTask implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly poll: IdlePoll;

  protected constructor(name: string, intervalMs: number, logger: Logger) {
    this.poll = new IdlePoll(
      () =>
        this.tick().then(
          () => true,
          (err: Error) => {
            logger.error({ err: err.message }, `${name} failed`);
            return true;
          },
        ),
      intervalMs,
      intervalMs,
    );
  }

  /** One pass; safe to repeat, in this process and in others. */
  abstract tick(): Promise<void>;

  /** Idempotent (IdlePoll.start): Nest 11's microservice runs bootstrap hooks twice when `init()` precedes `listen()`. */
  onApplicationBootstrap(): void {
    this.poll.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.poll.stop();
  }
}
