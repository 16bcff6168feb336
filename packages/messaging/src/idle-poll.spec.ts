import { IdlePoll } from './idle-poll';

describe('a poll that slows down while idle', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** Times (in fake ms) at which rounds ran, while `found` says what each round found. */
  async function rounds(found: (n: number) => boolean, untilMs: number, during?: (poll: IdlePoll, at: number) => void) {
    const at: number[] = [];
    const start = Date.now();
    const poll = new IdlePoll(async () => found(at.push(Date.now() - start) - 1), 100, 800);
    poll.start();
    for (let t = 0; t < untilMs; t += 50) {
      during?.(poll, t);
      await jest.advanceTimersByTimeAsync(50);
    }
    await poll.stop();
    return at;
  }

  it('doubles its wait after each empty round up to the idle wait, and is back at the base rate once it finds work', async () => {
    // Empty rounds at 0, 100, 300, 700, 1500 (the wait capped at 800); the round at 2300 finds
    // work, so the next comes after the base wait, and the doubling starts again.
    const at = await rounds((n) => n === 5, 3000);
    expect(at).toEqual([0, 100, 300, 700, 1500, 2300, 2400, 2500, 2700]);
  });

  it('runs at once when asked, and hurry() brings back the base rate', async () => {
    const at = await rounds(
      () => false,
      1600,
      (poll, t) => {
        if (t === 1000) poll.runNow();
        if (t === 1200) poll.hurry();
      },
    );
    // 0, 100, 300, 700; runNow at 1000 (wait 800 after it would be 1800); hurry at 1200 → 1300, then doubling from there.
    expect(at).toEqual([0, 100, 300, 700, 1000, 1300, 1500]);
  });
});
