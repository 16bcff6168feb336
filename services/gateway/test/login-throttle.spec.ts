import { RunningGateway, startGateway } from '@tochka/gateway';
import { Api, ApiResponse, createTestEnv, ManualClock, TestEnv } from '@tochka/testing';

/**
 * Guessing in parallel: every attempt is reserved before its password is verified, so however the
 * guesses arrive, at most the allowed number per window are ever checked — on FerretDB as on
 * MongoDB. The limits follow OWASP: per account × address (the rightful user on a known address
 * still gets in), per address, and a ceiling per account across all addresses.
 */
describe('gateway: login throttle under a burst of guesses', () => {
  const WINDOW_MS = 15 * 60_000;
  const PER_PAIR = 5;
  const PER_ADDRESS = 20;
  const PER_ACCOUNT = 12;
  const PASSWORD = 'верный-пароль-для-теста';
  const clock = new ManualClock('2022-11-01T09:00:00Z');
  let env: TestEnv;
  let gateway: RunningGateway;
  let api: Api;
  let addressNo = 0;
  /** A fresh client address per call (the gateway trusts X-Forwarded-For from loopback here). */
  const newAddress = () => `10.1.${Math.floor(++addressNo / 250)}.${addressNo % 250}`;

  const login = (email: string, password: string, address: string) => api.post('/api/auth/login', { email, password }, { 'x-forwarded-for': address });
  const statuses = (answers: ApiResponse[]) => {
    const count: Record<number, number> = {};
    for (const a of answers) count[a.status] = (count[a.status] ?? 0) + 1;
    return count;
  };
  const account = async (email: string) => {
    await gateway.users.create({ email, name: 'Пользователь', role: 'kindergarten', organizationId: 'ds-5', password: PASSWORD });
    return email;
  };

  beforeAll(async () => {
    env = createTestEnv();
    gateway = await startGateway({
      overrides: env.overrides('gateway', {
        LOGIN_FAILURE_WINDOW_MS: WINDOW_MS,
        LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: PER_PAIR,
        LOGIN_MAX_FAILURES_PER_ADDRESS: PER_ADDRESS,
        LOGIN_MAX_FAILURES_PER_ACCOUNT: PER_ACCOUNT,
        TRUST_PROXY: 'loopback',
      }),
      clock,
    });
    api = new Api(gateway.url);
  });

  afterAll(async () => {
    await gateway?.close();
    await env?.cleanup();
  });

  it('verifies only 5 of 30 simultaneous wrong passwords for one account from one address', async () => {
    const email = await account('burst30@ds5.test');
    const address = newAddress();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => login(email, `guess-${i}`, address)));
    expect(statuses(answers)).toEqual({ 401: PER_PAIR, 429: 30 - PER_PAIR });
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body.detail).toMatch(/Слишком много неудачных попыток входа/);
    // Until the end of the window: at most 15 minutes.
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(WINDOW_MS / 1000);
  });

  it('verifies at most the per-account ceiling of 100 simultaneous guesses from 100 addresses', async () => {
    const email = await account('burst100@ds5.test');
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => login(email, `guess-${i}`, newAddress())));
    expect(statuses(answers)).toEqual({ 401: PER_ACCOUNT, 429: 100 - PER_ACCOUNT });
  });

  it('verifies only 20 of 40 simultaneous guesses from one address, whatever the accounts', async () => {
    const address = newAddress();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(`spray-${i}@ds5.test`, 'Qwerty123', address)));
    expect(statuses(answers)).toEqual({ 401: PER_ADDRESS, 429: 40 - PER_ADDRESS });
  });

  it('24 wrong passwords sent with the right one: at most 5 are verified; the rightful user on another address still gets in', async () => {
    const email = await account('mixed@ds5.test');
    const attacker = newAddress();
    const guesses = Array.from({ length: 24 }, (_, i) => `guess-${i}`);
    guesses.splice(12, 0, PASSWORD);
    const answers = await Promise.all(guesses.map((password) => login(email, password, attacker)));
    const verified = answers.filter((a) => a.status !== 429);
    expect(verified.length).toBeLessThanOrEqual(PER_PAIR);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(25 - PER_PAIR);
    expect(answers.every((a) => [200, 401, 429].includes(a.status))).toBe(true);

    // The attacker's address is locked out for this account; the rightful user's is not.
    expect((await login(email, PASSWORD, newAddress())).status).toBe(200);
  });

  it('does not count successful logins, and opens again when the window has passed', async () => {
    const email = await account('regular@ds5.test');
    const home = newAddress();
    for (let i = 0; i < PER_PAIR + 3; i++) expect((await login(email, PASSWORD, home)).status).toBe(200);

    for (let i = 0; i < PER_PAIR; i++) expect((await login(email, 'wrong', home)).status).toBe(401);
    expect((await login(email, PASSWORD, home)).status).toBe(429);
    clock.advance(WINDOW_MS);
    expect((await login(email, PASSWORD, home)).status).toBe(200);
  });
});
