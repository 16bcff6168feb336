import { startAgreements } from '@tochka/agreements';
import { healthRpcs } from '@tochka/contracts';
import { startCalendar } from '@tochka/calendar';
import { startNotifications } from '@tochka/notifications';
import { startRegistrations } from '@tochka/registrations';
import { startReports } from '@tochka/reports';
import { ConfigError, loadConfig, RunningService } from '@tochka/runtime';
import { Api, BusProbe, createTestEnv, eventually, ManualClock, organizationBody, SmtpSink, startSmtpSink, TestEnv } from '@tochka/testing';
import { RunningGateway, startGateway } from '@tochka/gateway';
import { runCli } from '../src/cli';
import { configSchema } from '../src/config';

const JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

describe('gateway: accounts, roles, health, errors, API docs', () => {
  let env: TestEnv;
  let clock: ManualClock;
  let gateway: RunningGateway;
  let services: Record<string, RunningService>;
  let api: Api;
  let coordinator: Api;
  let probe: BusProbe;
  let sink: SmtpSink;

  const cli = (args: string[], password = 'секретный-пароль') => {
    const lines: string[] = [];
    const out = { log: (s: string) => lines.push(s), error: (s: string) => lines.push(s) } as unknown as Console;
    const settings = Object.fromEntries(Object.entries(env.overrides('gateway')).map(([k, v]) => [k, String(v)]));
    return runCli(args, { ...settings, USER_PASSWORD: password }, out).then((code) => ({ code, lines }));
  };

  beforeAll(async () => {
    env = createTestEnv();
    sink = await startSmtpSink();
    clock = new ManualClock('2022-11-01T09:00:00Z');
    const [agreements, calendar, registrations, notifications, reports] = await Promise.all([
      startAgreements({ overrides: env.overrides('agreements') }),
      startCalendar({ overrides: env.overrides('calendar') }),
      startRegistrations({ overrides: env.overrides('registrations') }),
      startNotifications({ overrides: env.overrides('notifications', { SMTP_URL: sink.url, SMTP_HEALTH_TTL_MS: 0 }) }),
      startReports({ overrides: env.overrides('reports') }),
    ]);
    services = { agreements, calendar, registrations, notifications, reports };
    gateway = await startGateway({
      overrides: env.overrides('gateway', { PORT: 0, HOST: '127.0.0.1', JWT_SECRET }),
      clock,
    });
    api = new Api(gateway.url);
    probe = await BusProbe.connect(env);
    expect(
      (await cli(['users:create', '--email', 'Metodist@MK-MOSHR.test', '--role', 'coordinator', '--org', 'mk-moshr', '--name', 'Методист МКУ'])).code,
    ).toBe(0);
    coordinator = await api.login('metodist@mk-moshr.test', 'секретный-пароль');
    for (const [id, kind, name] of [
      ['ds-5', 'kindergarten', 'МБДОУ ЦРР д/с № 5'],
      ['sosh-3', 'growth_point_centre', 'МБОУ СОШ № 3'],
      ['sosh-5', 'growth_point_centre', 'МБОУ СОШ № 5'],
      ['sosh-9', 'school', 'МБОУ СОШ № 9'],
    ] as const) {
      expect((await coordinator.post('/api/organizations', organizationBody(id, kind, name))).status).toBe(201);
    }
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all(Object.values(services ?? {}).map((s) => s.close()));
    await probe?.close();
    await sink?.close();
    await env?.cleanup();
  });

  describe('login', () => {
    it('issues a token for the right password and /api/me tells who and for which organisation', async () => {
      const res = await api.post('/api/auth/login', { email: 'metodist@mk-moshr.test', password: 'секретный-пароль' });
      expect(res.status).toBe(200);
      expect(res.body.tokenType).toBe('Bearer');
      expect(res.body.expiresIn).toBe(900);
      const me = await api.as(res.body.accessToken).get('/api/me');
      expect(me.status).toBe(200);
      expect(me.body).toEqual({
        id: expect.any(String),
        email: 'metodist@mk-moshr.test',
        name: 'Методист МКУ',
        role: 'coordinator',
        organizationId: 'mk-moshr',
      });
    });

    it('answers a wrong password and an unknown e-mail identically', async () => {
      const wrong = await api.post('/api/auth/login', { email: 'metodist@mk-moshr.test', password: 'не тот пароль' });
      const unknown = await api.post('/api/auth/login', { email: 'nobody@mk-moshr.test', password: 'не тот пароль' });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(unknown.body).toEqual(wrong.body);
      expect(wrong.body.detail).toBe('Неверный e-mail или пароль');
    });

    it('refuses an expired token with 401 and says so', async () => {
      await cli(['users:create', '--email', 'expiring@sosh5.test', '--role', 'centre_head', '--org', 'sosh-5', '--name', 'Тымченко О.Ю.']);
      const user = await api.login('expiring@sosh5.test', 'секретный-пароль');
      expect((await user.get('/api/me')).status).toBe(200);
      clock.advance(16 * 60_000);
      const res = await user.get('/api/me');
      clock.advance(-16 * 60_000);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('token_expired');
      expect(res.body.detail).toMatch(/истёк/);
    });

    it('401 without a token, with a forged one; 403 for a role that may not act', async () => {
      const none = await api.get('/api/me');
      expect(none.status).toBe(401);
      expect(none.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(none.body.detail).toMatch(/Требуется вход/);
      expect((await api.as('abc.def.ghi').get('/api/me')).status).toBe(401);
      const forged = coordinator.token!.replace(/\.[^.]+$/, '.AAAA');
      expect((await api.as(forged).get('/api/users')).status).toBe(401);

      await cli(['users:create', '--email', 'head@sosh3.test', '--role', 'centre_head', '--org', 'sosh-3', '--name', 'Кутовая Е.И.']);
      const head = await api.login('head@sosh3.test', 'секретный-пароль');
      const forbidden = await head.get('/api/users');
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.detail).toBe('Недостаточно прав для этого действия');
      expect(
        (await head.post('/api/users', { email: 'x@y.test', name: 'X', role: 'coordinator', organizationId: 'sosh-3', password: '12345678' })).status,
      ).toBe(403);
      expect((await coordinator.get('/api/users')).body.total).toBeGreaterThanOrEqual(3);
    });

    it('refuses a sixth failure per account and address, also for unknown e-mails, without telling which', async () => {
      for (let i = 0; i < 5; i++) {
        expect((await api.post('/api/auth/login', { email: 'victim@sosh9.test', password: `guess-${i}` })).status).toBe(401);
      }
      const blocked = await api.post('/api/auth/login', { email: 'victim@sosh9.test', password: 'guess-5' });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(blocked.body.detail).toMatch(/Слишком много неудачных попыток/);
      // The right password of a real account is refused too from the address that guessed
      // (other addresses and the end of the window: login-throttle.spec.ts).
      await cli(['users:create', '--email', 'victim2@sosh9.test', '--role', 'staff', '--org', 'sosh-9', '--name', 'Учитель']);
      for (let i = 0; i < 5; i++) await api.post('/api/auth/login', { email: 'victim2@sosh9.test', password: `guess-${i}` });
      expect((await api.post('/api/auth/login', { email: 'victim2@sosh9.test', password: 'секретный-пароль' })).status).toBe(429);
    });
  });

  describe('accounts', () => {
    it('refuses an account for an organisation that is not registered', async () => {
      const res = await coordinator.post('/api/users', {
        email: 'someone@nowhere.test',
        name: 'Кто-то',
        role: 'staff',
        organizationId: 'ds-404',
        password: 'пароль-ds404',
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'organizationId', message: 'Организация «ds-404» не найдена' }]);
    });

    it('creates a user with a hashed password, publishes user.created once, with the request correlation id', async () => {
      const res = await coordinator.post(
        '/api/users',
        { email: 'kindergarten@ds5.test', name: 'Методист д/с № 5', role: 'kindergarten', organizationId: 'ds-5', password: 'пароль-ds5' },
        { 'x-correlation-id': 'corr-user-create-1' },
      );
      expect(res.status).toBe(201);
      expect(res.headers.get('x-correlation-id')).toBe('corr-user-create-1');
      expect(res.body).toEqual({
        id: expect.any(String),
        email: 'kindergarten@ds5.test',
        name: 'Методист д/с № 5',
        role: 'kindergarten',
        organizationId: 'ds-5',
        active: true,
        version: 1,
      });
      const stored = await gateway.runtime.mongo.collection('users').findOne({ email: 'kindergarten@ds5.test' });
      expect(stored!.passwordHash).toMatch(/^\$argon2id\$/);
      expect(JSON.stringify(stored)).not.toContain('пароль-ds5');
      const events = await eventually(async () => {
        const all = (await probe.events('gateway')).filter(
          (e) => e.envelope.type === 'user.created' && (e.envelope.data as any).user.email === 'kindergarten@ds5.test',
        );
        return all.length ? all : undefined;
      });
      expect(events).toHaveLength(1);
      expect(events[0].headers['x-correlation-id']).toBe('corr-user-create-1');
      expect(JSON.stringify(events[0].envelope)).not.toMatch(/argon2|passwordHash/);

      const again = await coordinator.post('/api/users', {
        email: 'KINDERGARTEN@ds5.test',
        name: 'Повтор',
        role: 'kindergarten',
        organizationId: 'ds-5',
        password: 'пароль-ds5',
      });
      expect(again.status).toBe(409);
      expect(again.body.detail).toContain('уже существует');
    });

    it('rejects a bad body with 400 naming each field in Russian, and stores nothing', async () => {
      const res = await coordinator.post('/api/users', { email: 'not-an-email', role: 'admin', organizationId: 'ds-5', password: 'short', extra: { $gt: '' } });
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('urn:tochka:problem:validation_failed');
      const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
      expect(paths).toEqual(expect.arrayContaining(['email', 'name', 'role', 'password']));
      expect(res.body.errors.every((e: { message: string }) => /[а-яё]/i.test(e.message))).toBe(true);
      expect(JSON.stringify(res.body)).not.toMatch(/stack|Error:|mongo/i);
      expect(await gateway.runtime.mongo.collection('users').countDocuments({ organizationId: 'ds-5', email: 'not-an-email' })).toBe(0);
    });

    it('answers malformed JSON and unknown routes with Russian problem documents', async () => {
      const bad = await coordinator.request('POST', '/api/users', '{"email": ', { 'content-type': 'application/json' });
      expect(bad.status).toBe(400);
      expect(bad.body.detail).toBe('Тело запроса не является корректным JSON');
      const missing = await coordinator.get('/api/nothing-here');
      expect(missing.status).toBe(404);
      expect(missing.body.detail).toContain('не найден');
    });

    it('the CLI refuses bad arguments and says what is wrong', async () => {
      const res = await cli(['users:create', '--email', 'bad', '--role', 'admin', '--org', 'x', '--name', 'N']);
      expect(res.code).toBe(2);
      expect(res.lines.join('\n')).toMatch(/email/);
      expect(res.lines.join('\n')).toMatch(/role/);
    });

    it('the CLI creates an account only for a registered organisation its role fits, as the API does', async () => {
      const misfit = await cli(['users:create', '--email', 'head@ds5.test', '--role', 'centre_head', '--org', 'ds-5', '--name', 'Заведующая']);
      expect(misfit.code).toBe(2);
      expect(misfit.lines.join('\n')).toContain('role: Роль «Руководитель центра «Точка роста»» не подходит организации «МБДОУ ЦРР д/с № 5»');
      const unknown = await cli(['users:create', '--email', 'staff@nowhere.test', '--role', 'staff', '--org', 'no-such-org', '--name', 'Учитель']);
      expect(unknown.code).toBe(2);
      expect(unknown.lines.join('\n')).toContain('org: Организация «no-such-org» не найдена');
      const emails = (await coordinator.get('/api/users?limit=200')).body.items.map((u: { email: string }) => u.email);
      expect(emails).not.toContain('head@ds5.test');
      expect(emails).not.toContain('staff@nowhere.test');
      // A new installation's first coordinator, before its organisation is registered: created, with a note.
      const first = await cli(['users:create', '--email', 'first@new-mku.test', '--role', 'coordinator', '--org', 'new-mku', '--name', 'Методист']);
      expect(first.code).toBe(0);
      expect(first.lines.join('\n')).toContain('Организация «new-mku» ещё не зарегистрирована');
      const fits = await cli(['users:create', '--email', 'teacher@ds5.test', '--role', 'staff', '--org', 'ds-5', '--name', 'Воспитатель']);
      expect(fits.code).toBe(0);
    });
  });

  describe('configuration', () => {
    it('refuses to start outside development without JWT_SECRET, and names every bad value', () => {
      expect(() => loadConfig(configSchema, { NODE_ENV: 'production' })).toThrow(/JWT_SECRET: обязателен вне режима разработки/);
      const err = (() => {
        try {
          loadConfig(configSchema, { NODE_ENV: 'development', NATS_URL: 'localhost', EVENT_MAX_DELIVER: '0', PORT: 'eighty' });
        } catch (e) {
          return e as ConfigError;
        }
      })();
      expect(err).toBeInstanceOf(ConfigError);
      expect(err!.problems.map((p) => p.split(':')[0]).sort()).toEqual(['EVENT_MAX_DELIVER', 'NATS_URL', 'PORT']);
      expect(loadConfig(configSchema, { NODE_ENV: 'development' }).JWT_SECRET).toHaveLength(64);
    });
  });

  describe('health and docs', () => {
    it('is 200 with every service up', async () => {
      const res = await api.get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'up',
        services: { agreements: 'up', calendar: 'up', registrations: 'up', notifications: 'up', reports: 'up' },
        checks: { mongo: 'up', nats: 'up' },
        down: [],
        degraded: [],
        detail: 'Все сервисы работают',
      });
    });

    it('is degraded but 200 while the SMTP server is unreachable (mail waits), and recovers', async () => {
      await sink.stop();
      try {
        const res = await api.get('/health');
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          status: 'degraded',
          services: { agreements: 'up', calendar: 'up', registrations: 'up', notifications: 'degraded', reports: 'up' },
          down: [],
          degraded: ['notifications: smtp'],
          detail: 'Работают с ограничениями: notifications: smtp',
        });
        const own = await services.notifications.runtime.bus.rpc.request(healthRpcs.notifications, {});
        expect(own).toEqual({ service: 'notifications', status: 'degraded', checks: { nats: 'up', mongo: 'up', smtp: 'down' } });
      } finally {
        await sink.start();
      }
      expect((await api.get('/health')).body).toMatchObject({ status: 'up', services: { notifications: 'up' }, degraded: [] });
    });

    it('is 503 naming the service that is down, and recovers', async () => {
      await services.calendar.close();
      const res = await api.get('/health');
      expect(res.status).toBe(503);
      expect(res.body.down).toEqual(['calendar']);
      expect(res.body.detail).toBe('Недоступны: calendar');
      services.calendar = await startCalendar({ overrides: env.overrides('calendar') });
      expect((await api.get('/health')).status).toBe(200);
    });

    it('serves OpenAPI generated from the zod schemas, and Swagger UI', async () => {
      const doc = await api.get('/api/docs-json');
      expect(doc.status).toBe(200);
      expect(doc.body.openapi).toBe('3.1.0');
      const login = doc.body.paths['/api/auth/login'].post;
      expect(login.requestBody.content['application/json'].schema.properties.email.format).toBe('email');
      expect(login.security).toEqual([]);
      expect(doc.body.paths['/api/users'].post.responses['403']).toBeDefined();
      const register = doc.body.paths['/api/events/{id}/registrations'].post;
      expect(register.parameters).toContainEqual(
        expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false, schema: expect.objectContaining({ type: 'string' }) }),
      );
      expect(register.responses['201'].headers['Idempotent-Replayed'].description).toContain('повтор');
      const ui = await api.get('/api/docs');
      expect(ui.status).toBe(200);
      expect(ui.text).toMatch(/swagger/i);
    });
  });
});
