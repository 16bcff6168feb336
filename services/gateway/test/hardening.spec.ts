import { gzipSync } from 'node:zlib';
import { startAgreements } from '@tochka/agreements';
import { startNotifications } from '@tochka/notifications';
import { RunningGateway, startGateway } from '@tochka/gateway';
import { RunningService } from '@tochka/runtime';
import { agreementRpcs } from '@tochka/contracts';
import { Api, ApiResponse, createTestEnv, eventually, hostPortOf, SmtpSink, startSmtpSink, TcpProxy, TestEnv, userApi } from '@tochka/testing';

/**
 * What an attacker or a bad day sends that is not a well-formed JSON command: each answer is a
 * Russian problem document with the right 4xx/503, nothing runs, and the log gets one warning
 * line, never a stack trace.
 */
describe('gateway: malformed bodies, wrong content types, outages, prototype keys', () => {
  let env: TestEnv;
  let sink: SmtpSink;
  let proxy: TcpProxy;
  let agreements: RunningService;
  let notifications: RunningService;
  let gateway: RunningGateway;
  let anonymous: Api;
  let coordinator: Api;

  const expectProblem = (res: ApiResponse, status: number, code?: string) => {
    expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({ status, type: expect.stringMatching(/^application\/problem\+json/) });
    expect(res.body).toMatchObject({ status, title: expect.any(String), detail: expect.stringMatching(/[а-яё]/i) });
    if (code) expect(res.body.code).toBe(code);
    expect(res.text).not.toMatch(/at .*\.(js|ts):\d+|Error:|stack/i);
  };

  /** Raw request: fetch would set a content type or encode the body itself. */
  const raw = (method: string, path: string, body: string | Buffer | undefined, headers: Record<string, string>, token = coordinator.token) =>
    fetch(gateway.url + path, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, body }).then(async (res) => {
      const text = await res.text();
      return {
        status: res.status,
        headers: res.headers,
        text,
        body: /json/.test(res.headers.get('content-type') ?? '') && text ? JSON.parse(text) : text,
      } as ApiResponse;
    });

  /** The gateway's log calls while `fn` runs. */
  const logsDuring = async (fn: () => Promise<void>) => {
    const logger = gateway.runtime.logger;
    const warn = jest.spyOn(logger, 'warn');
    const error = jest.spyOn(logger, 'error');
    try {
      await fn();
      return { warn: warn.mock.calls.map((c) => c[0] as Record<string, unknown>), error: error.mock.calls.length };
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  };

  beforeAll(async () => {
    env = createTestEnv();
    sink = await startSmtpSink();
    // The gateway and agreements reach the database through a cable the test can pull.
    proxy = await TcpProxy.start(hostPortOf(env.mongoUrl));
    const viaProxy = { MONGO_URL: proxy.rewrite(env.mongoUrl) };
    [agreements, notifications] = await Promise.all([
      startAgreements({ overrides: env.overrides('agreements', viaProxy) }),
      startNotifications({ overrides: env.overrides('notifications', { SMTP_URL: sink.url }) }),
    ]);
    gateway = await startGateway({ overrides: env.overrides('gateway', viaProxy) });
    anonymous = new Api(gateway.url);
    coordinator = await userApi(gateway, 'metodist@mk-moshr.test', 'coordinator', 'mk-moshr');
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([agreements?.close(), notifications?.close()]);
    await proxy?.close();
    await sink?.close();
    await env?.cleanup();
  });

  describe('bodies the parser rejects', () => {
    const login = JSON.stringify({ email: 'metodist@mk-moshr.test', password: 'x' });
    const cases: [string, () => Promise<ApiResponse>, number, string][] = [
      [
        'a body over the limit',
        () => raw('POST', '/api/auth/login', JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(2_000_000) }), { 'content-type': 'application/json' }),
        413,
        'payload_too_large',
      ],
      [
        'invalid gzip',
        () => raw('POST', '/api/auth/login', Buffer.from('this is not gzip at all'), { 'content-type': 'application/json', 'content-encoding': 'gzip' }),
        400,
        'malformed_body',
      ],
      [
        'a gzip bomb (20 MB of zeros in 20 kB)',
        () => raw('POST', '/api/auth/login', gzipSync(Buffer.alloc(20_000_000, 0x20)), { 'content-type': 'application/json', 'content-encoding': 'gzip' }),
        413,
        'payload_too_large',
      ],
      [
        'an unsupported Content-Encoding',
        () => raw('POST', '/api/auth/login', login, { 'content-type': 'application/json', 'content-encoding': 'x-squash' }),
        415,
        'unsupported_encoding',
      ],
      ['charset=latin1', () => raw('POST', '/api/auth/login', login, { 'content-type': 'application/json; charset=latin1' }), 415, 'unsupported_charset'],
      ['malformed JSON', () => raw('POST', '/api/auth/login', '{"email":', { 'content-type': 'application/json' }), 400, 'malformed_json'],
    ];
    for (const [what, send, status, code] of cases) {
      it(`${what}: ${status} problem document in Russian, one warning line without a stack`, async () => {
        let res!: ApiResponse;
        const logs = await logsDuring(async () => {
          res = await send();
        });
        expectProblem(res, status, code);
        expect(logs.error).toBe(0);
        expect(logs.warn).toHaveLength(1);
        expect(JSON.stringify(logs.warn[0])).not.toMatch(/stack|\.js:\d+/);
      });
    }
  });

  describe('a body that is not JSON', () => {
    const contentTypes: [string, Record<string, string>][] = [
      ['text/plain', { 'content-type': 'text/plain' }],
      ['XML', { 'content-type': 'application/xml' }],
      ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
      ['octet-stream', { 'content-type': 'application/octet-stream' }],
      ['*/*', { 'content-type': '*/*' }],
      ['no Content-Type', {}],
    ];

    it('is refused with 415 on every POST, PUT and PATCH route of the API document, signed in or not', async () => {
      const doc = (await anonymous.get('/api/docs-json')).body as { paths: Record<string, Record<string, { requestBody?: { content: object } }>> };
      // Routes that take a file (the plan-schedule XLSX) read and check their own body.
      const takesFile = (op: { requestBody?: { content: object } }) => !!op.requestBody && !('application/json' in op.requestBody.content);
      const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => ['post', 'put', 'patch'].includes(m) && !takesFile(ops[m]!))
          .map((m) => ({ method: m.toUpperCase(), path: path.replace(/\{\w+\}/g, '64b000000000000000000001') })),
      );
      expect(routes.length).toBeGreaterThan(25);
      for (const route of routes) {
        for (const [name, headers] of contentTypes) {
          for (const token of [coordinator.token, undefined]) {
            const res = await raw(route.method, route.path, '{"reason":"Причина","comment":"Комментарий"}', headers, token);
            expect({ ...route, name, status: res.status }).toEqual({ ...route, name, status: 415 });
            expect(res.body.code).toBe('unsupported_media_type');
          }
        }
      }
    });

    it('never runs the command with defaults: preferences stay as they were', async () => {
      const user = await userApi(gateway, 'metodist@ds5.test', 'kindergarten', 'ds-5');
      expect((await user.put('/api/me/notification-preferences', { digest: false, reminders: false })).status).toBe(200);
      for (const [, headers] of contentTypes) {
        const res = await raw('PUT', '/api/me/notification-preferences', '{"digest":true}', headers, user.token);
        expectProblem(res, 415, 'unsupported_media_type');
      }
      const after = await user.get('/api/me/notification-preferences');
      expect(after.body.preferences).toMatchObject({ digest: false, reminders: false });
    });

    it('an empty body without a Content-Type is still an empty command', async () => {
      const res = await raw('POST', '/api/agreements/64b000000000000000000001/propose', undefined, {});
      expectProblem(res, 404);
    });
  });

  describe('prototype keys', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      it(`rejects "${key}" as a key of a record (signedOn), naming it, like "$set"`, async () => {
        const body = `{"agreement":{"number":"1"},"signedOn":{"${key}":"2022-09-01","sosh-3":"2022-09-01"}}`;
        const res = await raw('POST', '/api/agreements/import', body, { 'content-type': 'application/json' });
        expectProblem(res, 400, 'validation_failed');
        expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: `signedOn.${key}` })]));
      });
    }
    it('rejects "__proto__" nested anywhere in a body', async () => {
      const res = await raw('PUT', '/api/me/notification-preferences', '{"__proto__":{"digest":false}}', { 'content-type': 'application/json' });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: '__proto__' })]));
    });
  });

  describe('a database outage', () => {
    it('answers 503 with Retry-After in Russian (gateway and a service), never 500, and recovers', async () => {
      const token = coordinator.token!;
      expect((await coordinator.get('/api/organizations')).status).toBe(200);
      await proxy.cut();
      try {
        // The coordinator's account was just read: the gateway reuses it for a second (users.service.ts).
        await new Promise((r) => setTimeout(r, 1500));
        const logs = await logsDuring(async () => {
          const [me, login, organizations] = await Promise.all([
            coordinator.get('/api/me'),
            anonymous.post('/api/auth/login', { email: 'metodist@mk-moshr.test', password: 'пароль-для-тестов' }),
            // Through the guard to the agreements service, whose database is down as well.
            new Api(gateway.url, token).get('/api/organizations'),
          ]);
          for (const res of [me, login]) {
            expectProblem(res, 503);
            // The driver reports either a lost server or the broken socket itself.
            expect(res.body.code).toMatch(/^(database|dependency)_unavailable$/);
            expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
          }
          expect(organizations.status).toBe(503);
          expect(Number(organizations.headers.get('retry-after'))).toBeGreaterThan(0);
        });
        expect(logs.error).toBe(0);
      } finally {
        await proxy.restore();
      }
      // The driver finds the server again at its next heartbeat (10 s); a loaded machine takes longer.
      await eventually(async () => (await coordinator.get('/api/me')).status === 200, 90_000, 500);
    }, 120_000);

    it('a service whose database is down answers 503 too', async () => {
      await eventually(async () => (await coordinator.get('/api/organizations')).status === 200, 90_000, 500);
      // Only the agreements service loses its database: the gateway's own checks pass through
      // the same proxy, so cut it after the guard has run by asking the service directly.
      await proxy.cut();
      try {
        const answer = await agreements.runtime.bus.rpc
          .request(agreementRpcs.list, { page: 1, limit: 10 } as never)
          .catch((e: { status?: number; code?: string; message: string }) => e);
        expect(answer).toMatchObject({ status: 503, code: expect.stringMatching(/^(database|dependency)_unavailable$/) });
        expect((answer as Error).message).toMatch(/[а-яё]/i);
      } finally {
        await proxy.restore();
      }
    }, 120_000);
  });
});
