/**
 * A periodic round that slows down while it finds nothing to do: with each further empty round the
 * wait doubles, from `baseMs` up to `idleMs`; a round that found work, or `hurry()`, brings it back to
 * `baseMs`, and `runNow()` starts a round at once (or right after the one under way). So an idle
 * network costs a query every `idleMs` instead of every `baseMs`, and a busy one polls as before.
 */
export class IdlePoll {
  private timer?: NodeJS.Timeout;
  private waitMs: number;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  /** The last round found nothing: the next empty one doubles the wait. */
  private idle = false;

  constructor(
    /** One round; resolves whether it found work. A failure counts as work (look again soon). */
    private readonly round: () => Promise<boolean>,
    private readonly baseMs: number,
    private readonly idleMs: number,
  ) {
    this.waitMs = baseMs;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.runNow();
  }

  /** Stop polling; resolves once the round under way (if any) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Something may need doing soon: poll at the base rate again. */
  hurry(): void {
    if (this.waitMs === this.baseMs) return;
    this.waitMs = this.baseMs;
    if (this.running === undefined) this.schedule();
  }

  /** Run a round now, or once more right after the one under way. */
  runNow(): void {
    if (this.stopped) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.round()
      .catch(() => true)
      .then((found) => {
        if (found) this.waitMs = this.baseMs;
        else if (this.idle) this.waitMs = Math.min(this.waitMs * 2, this.idleMs);
        this.idle = !found;
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.runNow();
        } else this.schedule();
      });
  }

  private schedule(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.runNow(), this.waitMs);
    this.timer.unref();
  }
}
