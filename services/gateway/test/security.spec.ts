import { startAgreements } from '@tochka/agreements';
import { RunningGateway, startGateway } from '@tochka/gateway';
import { RunningService } from '@tochka/runtime';
import { Api, createTestEnv, ManualClock, organizationBody, TestEnv, userApi } from '@tochka/testing';
import { runCli } from '../src/cli';

/** Security headers, CORS, request limits, the per-user creation rate limit, the password policy. */
describe('gateway: headers, limits, password policy', () => {
  const CREATE_LIMIT = 10;
  let env: TestEnv;
  let agreements: RunningService;
  let gateway: RunningGateway;
  let anonymous: Api;
  let coordinator: Api;

  const cli = (args: string[], password: string) => {
    const lines: string[] = [];
    const out = { log: (s: string) => lines.push(s), error: (s: string) => lines.push(s) } as unknown as Console;
    const settings = Object.fromEntries(Object.entries(env.overrides('gateway')).map(([k, v]) => [k, String(v)]));
    return runCli(args, { ...settings, USER_PASSWORD: password }, out).then((code) => ({ code, lines }));
  };

  beforeAll(async () => {
    env = createTestEnv();
    agreements = await startAgreements({ overrides: env.overrides('agreements') });
    // A clock that stands still: on a loaded machine a burst may straddle a minute, the limit's window.
    gateway = await startGateway({
      overrides: env.overrides('gateway', { CREATE_RATE_LIMIT_PER_MINUTE: CREATE_LIMIT, TRUST_PROXY: 'loopback' }),
      clock: new ManualClock(new Date()),
    });
    anonymous = new Api(gateway.url);
    coordinator = await userApi(gateway, 'metodist@mk-moshr.test', 'coordinator', 'mk-moshr');
    expect((await coordinator.post('/api/organizations', organizationBody('ds-5', 'kindergarten', 'МБДОУ ЦРР д/с № 5'))).status).toBe(201);
  });

  afterAll(async () => {
    await gateway?.close();
    await agreements?.close();
    await env?.cleanup();
  });

  describe('headers', () => {
    it('every API answer, errors included, carries nosniff, no framing, no referrer and a CSP that allows nothing', async () => {
      for (const res of [
        await coordinator.get('/api/me'),
        await anonymous.get('/api/me'),
        await anonymous.get('/api/nowhere'),
        await anonymous.get('/ical/unknown.ics'),
      ]) {
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
        expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
        expect(res.headers.get('x-powered-by')).toBeNull();
      }
    });

    it('Swagger UI keeps working under its own CSP', async () => {
      const page = await anonymous.get('/api/docs/');
      expect(page.status).toBe(200);
      const csp = page.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      // No inline script the policy would block: every script is a file of its own.
      expect(page.text).not.toMatch(/<script>(?!\s*<\/script>)/);
      expect(page.text).toMatch(/<script src="\.\/swagger-ui-init\.js"/);
    });

    it('HSTS only over TLS: not on plain HTTP, yes behind a trusted TLS proxy', async () => {
      expect((await anonymous.get('/health')).headers.get('strict-transport-security')).toBeNull();
      const viaTls = await anonymous.get('/health', { 'x-forwarded-proto': 'https' });
      expect(viaTls.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
    });

    it('CORS is closed by default: no origin is allowed, not even in a preflight', async () => {
      const preflight = await fetch(`${gateway.url}/api/me`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const simple = await coordinator.get('/api/me', { origin: 'https://evil.example' });
      expect(simple.status).toBe(200);
      expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('limits', () => {
    it('a query string over 2 KiB is 414 before anything parses it', async () => {
      const res = await coordinator.get(`/api/agreements?party=${'a'.repeat(3000)}`);
      expect(res.status).toBe(414);
      expect(res.body).toMatchObject({ code: 'query_too_long', detail: expect.stringContaining('2048') });
    });

    it('page size and page number are capped', async () => {
      for (const query of ['limit=201', 'limit=100000', 'page=10001', 'page=1e300', 'limit=-1']) {
        const res = await coordinator.get(`/api/users?${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
      }
      expect((await coordinator.get('/api/users?limit=200&page=10000')).status).toBe(200);
    });

    it('a login body has a limit of its own (4 KiB), the others the default (64 KiB)', async () => {
      const login = await anonymous.post('/api/auth/login', { email: 'metodist@mk-moshr.test', password: 'x'.repeat(5000) });
      expect(login.status).toBe(413);
      expect(login.body.detail).toContain('4 КиБ');
      const big = await coordinator.put('/api/me/notification-preferences', { digest: true, padding: 'x'.repeat(70_000) });
      expect(big.status).toBe(413);
      expect(big.body.detail).toContain('64 КиБ');
    });

    it(`at most ${CREATE_LIMIT} creations a minute per account, however they arrive; other accounts are not affected`, async () => {
      const flooder = await userApi(gateway, 'flood@mk-moshr.test', 'coordinator', 'mk-moshr');
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => flooder.post('/api/organizations', organizationBody(`flood-${i}`, 'partner', `Партнёр ${i}`))),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 429)).toHaveLength(30 - CREATE_LIMIT);
      expect(statuses.filter((s) => s === 201)).toHaveLength(CREATE_LIMIT);
      const refused = answers.find((a) => a.status === 429)!;
      expect(refused.body).toMatchObject({ code: 'rate_limited', detail: expect.stringContaining(`не больше ${CREATE_LIMIT} в минуту`) });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Nothing refused was created; reading is not limited; another account creates as usual.
      const created = await flooder.get('/api/organizations');
      expect(created.status).toBe(200);
      expect(JSON.stringify(created.body).match(/"flood-\d+"/g)).toHaveLength(CREATE_LIMIT);
      const other = await userApi(gateway, 'calm@mk-moshr.test', 'coordinator', 'mk-moshr');
      expect((await other.post('/api/organizations', organizationBody('calm-1', 'partner', 'Спокойный партнёр'))).status).toBe(201);
    });
  });

  describe('password policy', () => {
    const weak: [string, RegExp][] = [
      ['short1!', /не короче 10 символов/],
      ['qwertyuiop', /слишком распространён/],
      ['1234567890', /слишком распространён/],
      ['Password123', /слишком распространён/],
      ['aaaaaaaaaaaa', /меньше четырёх разных символов/],
      ['novikova-secret', /не должен повторять адрес/],
    ];
    it('POST /api/users refuses weak passwords, naming the problem, and creates nothing', async () => {
      for (const [password, message] of weak) {
        const res = await coordinator.post('/api/users', {
          email: 'novikova@ds5.test',
          name: 'Новикова',
          role: 'kindergarten',
          organizationId: 'ds-5',
          password,
        });
        expect({ password, status: res.status }).toEqual({ password, status: 400 });
        expect(res.body.errors.map((e: { message: string }) => e.message).join(' ')).toMatch(message);
      }
      const users = await coordinator.get('/api/users?limit=200');
      expect(users.body.items.map((u: { email: string }) => u.email)).not.toContain('novikova@ds5.test');
    });

    it('users:create refuses them too', async () => {
      for (const [password, message] of weak) {
        const out = await cli(['users:create', '--email', 'novikova@ds5.test', '--role', 'kindergarten', '--org', 'ds-5', '--name', 'Новикова'], password);
        expect({ password, code: out.code }).toEqual({ password, code: 1 });
        expect(out.lines.join('\n')).toMatch(message);
      }
      expect(
        (await cli(['users:create', '--email', 'novikova@ds5.test', '--role', 'kindergarten', '--org', 'ds-5', '--name', 'Новикова'], 'зелёный-тигр-в-саду'))
          .code,
      ).toBe(0);
    });
  });
});
