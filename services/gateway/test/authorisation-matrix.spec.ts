import jwt from 'jsonwebtoken';
import { Role } from '@tochka/contracts';
import { Api, ApiResponse, calendarKnows, eventually, setUpDistrict, tournament, userApi } from '@tochka/testing';
import { ACCESS_RULES, AccessRule } from '../src/http/access-rules';
import { Network, startNetwork } from './network';

/**
 * The authorisation matrix, generated from the OpenAPI document: every operation × every role ×
 * own/other organisation × no, malformed, forged, `alg: none`, tampered and expired tokens,
 * checked against the one table of rules (src/http/access-rules.ts). An operation without a
 * rule fails. Figures of the run are in the README (Security suites).
 */
const JWT_SECRET = 'matrix-secret-that-is-long-enough-for-hs256-0123456789';
const ROLES: Role[] = ['coordinator', 'centre_head', 'kindergarten', 'staff'];
type Outcome = 'ok' | 401 | 403 | 404;

describe('authorisation matrix: every route × role × organisation × token', () => {
  let network: Awaited<ReturnType<typeof startNetwork>>;
  let stack: Network;
  const own: Partial<Record<Role, Api>> = {};
  const other: Partial<Record<Role, Api>> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    network = await startNetwork({ JWT_SECRET });
    stack = network.stack;
    const d = await setUpDistrict(stack);
    const [ds5, staff3] = await Promise.all([
      userApi(stack.gateway, 'zav@ds5.test', 'kindergarten', 'ds-5'),
      userApi(stack.gateway, 'teacher@sosh3.test', 'staff', 'sosh-3'),
    ]);
    // Own: the host СОШ № 5 and its partner д/с № 9 (agreement s5ds9); other: СОШ № 3, д/с № 5.
    Object.assign(own, { coordinator: d.coordinator, centre_head: d.head5, kindergarten: d.ds9, staff: d.staff5 });
    Object.assign(other, { centre_head: d.head3, kindergarten: ds5, staff: staff3 });

    const event = await d.head5.post('/api/events', tournament(d.agreements.s5ds9, { partners: ['ds-9'], capacity: { seats: 20 } }));
    expect(event.status).toBe(201);
    expect((await d.coordinator.post(`/api/events/${event.body.event.id}/approve`, {})).status).toBe(200);
    const draft = await d.coordinator.post('/api/agreements', {
      number: 'СВ-2022/М1',
      title: 'Соглашение для матрицы доступа',
      parties: [
        { organizationId: 'sosh-5', responsible: { name: 'Ответственный sosh-5' } },
        { organizationId: 'ds-9', responsible: { name: 'Ответственный ds-9' } },
      ],
      directions: ['chess'],
      validFrom: '2022-11-01',
      validTo: '2023-08-31',
    });
    expect(draft.status).toBe(201);
    const festival = await d.coordinator.post('/api/festivals', { name: 'Фестиваль матрицы', startDate: '2023-04-17', endDate: '2023-04-28' });
    expect(festival.status).toBe(201);
    const registration = await eventually(async () => {
      const res = await d.ds9.post(`/api/events/${event.body.event.id}/registrations`, {
        groupName: 'Группа матрицы',
        children: 3,
        adults: [{ name: 'Воспитатель', phone: '+7 900 000-00-00' }],
        contactEmail: 'group@ds9.test',
      });
      return res.status === 201 && res;
    });
    const subscription = await d.head5.post('/api/calendar-subscriptions', { scope: { kind: 'mine' } });
    expect(subscription.status).toBe(201);
    const notification = await eventually(async () => (await d.coordinator.get('/api/notifications')).body.items?.[0]?.id as string | undefined, 20_000);
    Object.assign(ids, {
      event: event.body.event.id,
      agreement: draft.body.id,
      active: d.agreements.s5ds9,
      festival: festival.body.id,
      registration: registration.body.id,
      subscription: subscription.body.id,
      notification,
      // An account the coordinator's PATCH leaves as it is (active already).
      user: (await staff3.get('/api/me')).body.id,
    });
    await calendarKnows(stack, ['sosh-5'], [d.agreements.s5ds9]);
  }, 120_000);

  afterAll(async () => {
    await network?.close();
  });

  /** The concrete request for an operation: path parameters, required query, a body that passes validation. */
  const requestFor = (method: string, template: string) => {
    const path = template
      .replace(/^\/api\/organizations\/\{id\}/, '/api/organizations/sosh-5')
      .replace(/^\/api\/agreements\/\{id\}/, `/api/agreements/${ids.agreement}`)
      .replace(/^\/api\/events\/\{id\}/, `/api/events/${ids.event}`)
      .replace(/^\/api\/registrations\/\{id\}/, `/api/registrations/${ids.registration}`)
      .replace(/\/festivals\/\{id\}/, `/festivals/${ids.festival}`)
      .replace(/^\/api\/calendar-subscriptions\/\{id\}/, `/api/calendar-subscriptions/${ids.subscription}`)
      .replace(/^\/api\/notifications\/\{id\}/, `/api/notifications/${ids.notification}`)
      .replace(/^\/api\/users\/\{id\}/, `/api/users/${ids.user}`)
      .replace('{token}', 'no-such-token');
    const query: Record<string, string> = {
      'GET /api/agreements/partners': '?organizationId=sosh-5&date=2022-12-01',
      'GET /api/plan': '?schoolYear=2022-2023',
      'GET /api/plan/export': '?schoolYear=2022-2023',
      'POST /api/plan/import': '?schoolYear=2022-2023',
    };
    const bodies: Record<string, unknown> = {
      'POST /api/agreements': {
        number: `СВ-2022/М-${Math.floor(Math.random() * 1e6)}`,
        title: 'Проект для матрицы',
        parties: [
          { organizationId: 'sosh-5', responsible: { name: 'Ответственный' } },
          { organizationId: 'ds-9', responsible: { name: 'Ответственный' } },
        ],
        directions: ['chess'],
        validFrom: '2022-11-01',
        validTo: '2023-08-31',
      },
      'POST /api/events': tournament(ids.active!, { partners: ['ds-9'], start: '2022-12-06T07:00:00.000Z', end: '2022-12-06T10:00:00.000Z' }),
      'POST /api/events/{id}/reschedule': { start: '2022-11-17T07:00:00.000Z', end: '2022-11-17T10:00:00.000Z' },
      'POST /api/events/{id}/cancel': { reason: 'Проверка прав' },
      'POST /api/events/{id}/reject': { reason: 'Проверка прав' },
      'POST /api/events/{id}/report': { participants: 10 },
      'PATCH /api/events/{id}': { description: 'Изменено при проверке прав' },
      'POST /api/events/{id}/registrations': {
        groupName: `Группа ${Math.floor(Math.random() * 1e6)}`,
        children: 1,
        adults: [{ name: 'Воспитатель', phone: '+7 900 000-00-00' }],
        contactEmail: 'group@matrix.test',
      },
      'POST /api/events/{id}/attendance': { records: [{ registrationId: ids.registration, attended: true, actualChildren: 3 }] },
      'PUT /api/events/{id}/registration-settings': { maxGroupsPerOrganization: 5 },
      'PATCH /api/registrations/{id}': { children: 2 },
      'POST /api/registrations/{id}/cancel': { reason: 'Проверка прав' },
      'POST /api/agreements/{id}/terminate': { reason: 'Проверка прав' },
      'POST /api/calendar-subscriptions': { scope: { kind: 'plan' } },
      'PUT /api/me/notification-preferences': { digest: true },
      'PATCH /api/users/{id}': { active: true },
    };
    const key = `${method} ${template}`;
    const fileRoute = key === 'POST /api/plan/import';
    const body = fileRoute || !['POST', 'PUT', 'PATCH'].includes(method) ? undefined : (bodies[key] ?? {});
    return { path: path + (query[key] ?? ''), body };
  };

  const send = (method: string, path: string, body: unknown, authorization?: string) =>
    fetch(stack.gateway.url + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(authorization ? { authorization } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (res) => ({ status: res.status, text: await res.text(), headers: res.headers }) as Pick<ApiResponse, 'status' | 'text' | 'headers'>);

  const classify = (status: number): Outcome | 'fail' => (status >= 500 ? 'fail' : status === 401 || status === 403 || status === 404 ? status : 'ok');

  const expected = (rule: AccessRule, role: Role, org: 'own' | 'other'): Outcome => {
    if (rule.roles === 'public') return 'ok';
    if (!rule.roles.includes(role)) return 403;
    if (org === 'own') return rule.own?.[role] ?? 'ok';
    return rule.other ?? 'ok';
  };

  it('has a rule for every operation of the API document, and no rule for an operation that does not exist', async () => {
    const doc = (await new Api(stack.gateway.url).get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.filter((op) => !ACCESS_RULES[op])).toEqual([]);
    expect(Object.keys(ACCESS_RULES).filter((op) => !operations.includes(op))).toEqual([]);
  });

  it('every operation answers each role, organisation and token as its rule says, never 5xx', async () => {
    const doc = (await new Api(stack.gateway.url).get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), template: path })));
    // Reads first, then changes; within a route, other organisations before the own one acts.
    const order = (m: string) => (m === 'GET' ? 0 : m === 'DELETE' ? 2 : 1);
    operations.sort((a, b) => order(a.method) - order(b.method));

    const someone = { sub: '64b000000000000000000001', role: 'coordinator', org: 'mk-moshr' };
    const validToken = own.kindergarten!.token!;
    const [head, payload] = validToken.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'coordinator', organizationId: 'mk-moshr' }),
    ).toString('base64url');
    const tokens: Record<string, string | undefined> = {
      none: undefined,
      malformed: 'Bearer not-a-token',
      'wrong scheme': `Basic ${validToken}`,
      'forged (other secret)': `Bearer ${jwt.sign(someone, 'another-secret-of-enough-length-0123456789abcdef')}`,
      'alg none': `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(someone)).toString('base64url')}.`,
      'tampered payload': `Bearer ${head}.${forgedPayload}.${validToken.split('.')[2]}`,
      expired: `Bearer ${jwt.sign({ ...someone, exp: Math.floor(Date.now() / 1000) - 60 }, JWT_SECRET)}`,
    };

    const mismatches: string[] = [];
    let requests = 0;
    for (const { method, template } of operations) {
      const key = `${method} ${template}`;
      const rule = ACCESS_RULES[key];
      if (!rule) continue; // reported by the test above
      if (rule.roles !== 'public') {
        for (const [kind, authorization] of Object.entries(tokens)) {
          const { path, body } = requestFor(method, template);
          const res = await send(method, path, body, authorization);
          requests++;
          if (res.status !== 401) mismatches.push(`${key} with ${kind} token: ${res.status} (expected 401)`);
        }
      }
      const cells: [Role, 'own' | 'other', Api][] = [
        ...ROLES.filter((r) => other[r]).map((r) => [r, 'other', other[r]!] as [Role, 'other', Api]),
        ...ROLES.map((r) => [r, 'own', own[r]!] as [Role, 'own', Api]),
      ];
      for (const [role, org, user] of cells) {
        const { path, body } = requestFor(method, template);
        const res = await send(method, path, body, `Bearer ${user.token}`);
        requests++;
        const got = classify(res.status);
        const want = expected(rule, role, org);
        // A public route may still say "no such thing" (an unknown iCal token).
        const fine = rule.roles === 'public' ? got === 'ok' || got === 404 : got === want;
        if (!fine) mismatches.push(`${key} as ${role} (${org}): ${res.status} (expected ${want}) ${res.text.slice(0, 160)}`);
        if (res.status >= 400 && !/^application\/problem\+json/.test(res.headers.get('content-type') ?? '')) {
          mismatches.push(`${key} as ${role} (${org}): ${res.status} without a problem document`);
        }
      }
    }
    if (process.env.MATRIX_REPORT)
      process.stdout.write(`authorisation matrix: ${operations.length} operations, ${requests} requests, ${mismatches.length} mismatches\n`);
    expect(mismatches).toEqual([]);
  }, 300_000);
});
