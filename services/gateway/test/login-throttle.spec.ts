import { RunningGateway, startGateway } from '@tochka/gateway';
import { DomainError } from '@tochka/contracts';
import { Api, createTestEnv, ManualClock, TestEnv } from '@tochka/testing';
import { LoginThrottle } from '../src/auth/login-throttle';

/** Guessing in parallel: the throttle must count every failure, on FerretDB as on MongoDB. */
describe('gateway: login throttle under a burst of guesses', () => {
  const BASE_DELAY_MS = 60_000;
  const WINDOW_MS = 24 * 3600_000;
  let env: TestEnv;
  let gateway: RunningGateway;
  let api: Api;

  beforeAll(async () => {
    env = createTestEnv();
    gateway = await startGateway({
      overrides: env.overrides('gateway', {
        LOGIN_BASE_DELAY_MS: BASE_DELAY_MS,
        LOGIN_FAILURE_WINDOW_MS: WINDOW_MS,
        LOGIN_MAX_FAILURES_PER_ACCOUNT: 3,
        LOGIN_MAX_FAILURES_PER_ADDRESS: 1000,
      }),
      clock: new ManualClock('2022-11-01T09:00:00Z'),
    });
    api = new Api(gateway.url);
  });

  afterAll(async () => {
    await gateway?.close();
    await env?.cleanup();
  });

  it('counts each of 16 simultaneous wrong passwords: the delay doubles for every one past the limit', async () => {
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => api.post('/api/auth/login', { email: 'burst@sosh9.test', password: `guess-${i}` })),
    );
    const failed = answers.filter((a) => a.status === 401).length;
    // Those that came after the limit was reached were refused outright and count for nothing.
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    expect(failed).toBeGreaterThanOrEqual(3);

    const blocked = await api.post('/api/auth/login', { email: 'burst@sosh9.test', password: 'one-more' });
    expect(blocked.status).toBe(429);
    const expectedSeconds = Math.min(BASE_DELAY_MS * 2 ** (failed - 3), WINDOW_MS) / 1000;
    expect(Number(blocked.headers.get('retry-after'))).toBe(expectedSeconds);
  });

  it('loses none of 40 failures recorded at the same moment', async () => {
    const throttle = gateway.app.get(LoginThrottle);
    await Promise.all(Array.from({ length: 40 }, () => throttle.recordFailure('flood@sosh9.test', '10.0.0.7')));
    const refused = await throttle.assertAllowed('flood@sosh9.test', '10.0.0.8').catch((e: DomainError) => e);
    expect(refused).toBeInstanceOf(DomainError);
    // 40 failures, 37 past the limit of 3: the delay is capped by the window only if every one counted.
    expect((refused as DomainError).status).toBe(429);
    expect((refused as DomainError).data).toEqual({ retryAfterSeconds: WINDOW_MS / 1000 });
  });
});
