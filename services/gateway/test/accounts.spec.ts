import { Api, BusProbe, consumed, District, eventually, setUpDistrict, SmtpSink, TestEnv, TEST_PASSWORD, tournament, userApi } from '@tochka/testing';
import { Network, startNetwork } from './network';

/**
 * The coordinator changes accounts (PATCH /api/users/{id}): deactivates and activates them,
 * changes their role and organisation. The rules, the tokens, `user.updated`, the audit entry,
 * and the mails that follow the change.
 */
describe('accounts: deactivate, activate, change role', () => {
  let network: Awaited<ReturnType<typeof startNetwork>>;
  let env: TestEnv;
  let sink: SmtpSink;
  let probe: BusProbe;
  let stack: Network;
  let d: District;
  let api: Api;

  const idOf = async (user: Api) => (await user.get('/api/me')).body.id as string;
  const updates = async (id: string) =>
    (await probe.events('gateway')).filter((e) => e.envelope.type === 'user.updated' && (e.envelope.data as { user: { id: string } }).user.id === id);

  beforeAll(async () => {
    network = await startNetwork();
    ({ env, sink, stack } = network);
    probe = await BusProbe.connect(env);
    d = await setUpDistrict(stack);
    api = new Api(stack.gateway.url);
  }, 120_000);

  afterAll(async () => {
    await probe?.close();
    await network?.close();
  });

  it('a deactivated account cannot sign in and its token stops working at once; activated again, it signs in', async () => {
    const head3 = await idOf(d.head3);
    const subscription = await d.head3.post('/api/calendar-subscriptions', { scope: { kind: 'mine' } });
    expect(subscription.status).toBe(201);
    const feed = () => fetch(`${stack.gateway.url}${new URL(subscription.body.url).pathname}`).then((r) => r.status);
    expect(await feed()).toBe(200);
    const off = await d.coordinator.patch(`/api/users/${head3}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ id: head3, email: 'head@sosh3.test', name: 'head', role: 'centre_head', organizationId: 'sosh-3', active: false, version: 2 });
    // The token issued before is refused on the next request, not at its expiry.
    const stale = await d.head3.get('/api/me');
    expect(stale.status).toBe(401);
    expect(stale.body.detail).toMatch(/Войдите снова/);
    const login = await api.post('/api/auth/login', { email: 'head@sosh3.test', password: TEST_PASSWORD });
    expect(login.status).toBe(401);
    expect(JSON.stringify(login.body)).not.toMatch(/отключ|deactiv/i); // the same answer as a wrong password
    expect(await feed()).toBe(404); // the owner's calendar feed closes with the account

    const events = await eventually(async () => {
      const found = await updates(head3);
      return found.length === 1 && found;
    });
    expect(events[0]!.envelope.data).toEqual({ user: off.body, changed: ['active'] });
    expect(JSON.stringify(events[0]!.envelope)).not.toMatch(/argon2|passwordHash/);

    // Asking for what already is changes nothing and announces nothing.
    const again = await d.coordinator.patch(`/api/users/${head3}`, { active: false });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(2);

    const on = await d.coordinator.patch(`/api/users/${head3}`, { active: true });
    expect(on.body).toMatchObject({ active: true, version: 3 });
    expect((await api.login('head@sosh3.test', TEST_PASSWORD).then((a) => a.get('/api/me'))).status).toBe(200);
    // The token of before the deactivation stays void: switching the account off ended its sessions.
    expect((await d.head3.get('/api/me')).status).toBe(401);
    expect(await feed()).toBe(200); // a subscription is not a session: it opens again with the account
    await eventually(async () => (await updates(head3)).length === 2);

    const audit = await d.coordinator.get(`/api/audit?objectId=${head3}`);
    // Every PATCH that succeeded is audited, the one that changed nothing too (newest first).
    expect(audit.body.items.map((e: { action: string; result: { version: number } }) => [e.action, e.result.version])).toEqual([
      ['user.update', 3],
      ['user.update', 2],
      ['user.update', 2],
    ]);
    expect(audit.body.items[0]).toMatchObject({
      route: '/api/users/{id}',
      method: 'PATCH',
      object: { type: 'user', id: head3 },
      actor: { role: 'coordinator' },
    });
  });

  it('changes a role or an organisation only to one that fits the organisation, and the old token stops working', async () => {
    const teacher = await userApi(stack.gateway, 'teacher@sosh9.test', 'staff', 'sosh-9');
    const id = await idOf(teacher);
    const misfits: [Record<string, unknown>, string, RegExp][] = [
      [
        { role: 'kindergarten' },
        'role',
        /Роль «Дошкольная образовательная организация» не подходит организации «МБОУ СОШ № 9» \(вид организации: Центр «Точка роста»\)/,
      ],
      [{ role: 'coordinator' }, 'role', /не подходит организации «МБОУ СОШ № 9»/],
      [{ role: 'centre_head', organizationId: 'ds-9' }, 'role', /Роль «Руководитель центра «Точка роста»» не подходит организации «МБДОУ ЦРР д\/с № 9»/],
      [{ organizationId: 'ds-404' }, 'organizationId', /Организация «ds-404» не найдена/],
    ];
    for (const [change, path, message] of misfits) {
      const res = await d.coordinator.patch(`/api/users/${id}`, change);
      expect({ change, status: res.status }).toEqual({ change, status: 400 });
      expect(res.body.errors).toEqual([{ path, message: expect.stringMatching(message) }]);
    }
    // Nothing was written by the refusals.
    expect((await teacher.get('/api/me')).status).toBe(200);

    const head = await d.coordinator.patch(`/api/users/${id}`, { role: 'centre_head' });
    expect(head.status).toBe(200);
    expect(head.body).toMatchObject({ role: 'centre_head', organizationId: 'sosh-9', version: 2 });
    expect((await teacher.get('/api/me')).status).toBe(401); // the token says staff
    const relogged = await api.login('teacher@sosh9.test', TEST_PASSWORD);
    expect((await relogged.get('/api/me')).body.role).toBe('centre_head');

    // A head cannot move to a kindergarten as a head; as a teacher it can.
    const move = await d.coordinator.patch(`/api/users/${id}`, { organizationId: 'ds-9' });
    expect(move.status).toBe(400);
    expect(move.body.errors[0].path).toBe('organizationId');
    const moved = await d.coordinator.patch(`/api/users/${id}`, { role: 'staff', organizationId: 'ds-9' });
    expect(moved.body).toMatchObject({ role: 'staff', organizationId: 'ds-9', version: 3 });
    const events = await eventually(async () => {
      const found = await updates(id);
      return found.length === 2 && found;
    });
    expect(events.map((e) => (e.envelope.data as { changed: string[] }).changed)).toEqual([['role'], ['role', 'organizationId']]);
  });

  it('refuses bad bodies and unknown accounts in Russian, and other roles', async () => {
    const id = await idOf(d.staff5);
    for (const body of [
      {},
      { active: 'no' },
      { role: 'admin' },
      { name: 'Новое имя' },
      { active: false, $set: { role: 'coordinator' } },
      { organizationId: '' },
    ]) {
      const res = await d.coordinator.patch(`/api/users/${id}`, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(res.body.errors)).toMatch(/[а-яё]/i);
    }
    expect((await d.coordinator.patch('/api/users/not%20an%20id', { active: false })).status).toBe(400);
    const unknown = await d.coordinator.patch('/api/users/64b000000000000000000099', { active: false });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toMatch(/Пользователь/);
    for (const other of [d.head5, d.ds9, d.staff5]) expect((await other.patch(`/api/users/${id}`, { active: false })).status).toBe(403);
    expect((await d.staff5.get('/api/me')).status).toBe(200);
  });

  it('the coordinator cannot change their own account, and two coordinators deactivating each other leave one', async () => {
    const me = await idOf(d.coordinator);
    for (const change of [{ active: false }, { role: 'staff' }, { organizationId: 'sosh-5' }]) {
      const res = await d.coordinator.patch(`/api/users/${me}`, change);
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/Свою учётную запись/);
    }
    const second = await userApi(stack.gateway, 'metodist2@mk-moshr.test', 'coordinator', 'mk-moshr');
    const secondId = await idOf(second);
    const [a, b] = await Promise.all([d.coordinator.patch(`/api/users/${secondId}`, { active: false }), second.patch(`/api/users/${me}`, { active: false })]);
    const statuses = [a.status, b.status].sort();
    // The second to act is refused: either its token is no longer valid, or the other is the last coordinator.
    expect(statuses[0]).toBe(200);
    expect([401, 409]).toContain(statuses[1]);
    const refused = a.status === 200 ? b : a;
    if (refused.status === 409) expect(refused.body.detail).toMatch(/последняя действующая учётная запись координатора/);
    const users = await (a.status === 200 ? d.coordinator : second).get('/api/users?limit=200');
    expect(users.body.items.filter((u: { role: string; active: boolean }) => u.role === 'coordinator' && u.active)).toHaveLength(1);
    // Whoever was switched off is switched on again for the tests that follow.
    if (a.status !== 200) {
      expect((await second.patch(`/api/users/${me}`, { active: true })).status).toBe(200);
      d.coordinator = await api.login('metodist@mk-moshr.test', TEST_PASSWORD);
    }
    expect((await d.coordinator.patch(`/api/users/${secondId}`, { active: false })).body.active).toBe(false);
  });

  it('mails follow the change: a deactivated coordinator is not asked to approve, a deactivated proposer’s host head is told', async () => {
    const other = await userApi(stack.gateway, 'metodist3@mk-moshr.test', 'coordinator', 'mk-moshr');
    const otherId = await idOf(other);
    const proposer = await userApi(stack.gateway, 'deputy@sosh5.test', 'centre_head', 'sosh-5');
    const proposerId = await idOf(proposer);
    await consumed(probe, env.prefix, 'gateway', 'notifications');
    expect((await d.coordinator.patch(`/api/users/${otherId}`, { active: false })).status).toBe(200);
    await consumed(probe, env.prefix, 'gateway', 'notifications');

    const proposed = await proposer.post('/api/events', tournament(d.agreements.s5s9, { title: 'Турнир для проверки учётных записей' }));
    expect(proposed.status).toBe(201);
    const subject = 'Новое мероприятие на согласование: «Турнир для проверки учётных записей»';
    await sink.waitFor((m) => m.envelope.to.includes('metodist@mk-moshr.test') && m.parsed.subject === subject, { timeoutMs: 15_000 });

    expect((await d.coordinator.patch(`/api/users/${proposerId}`, { active: false })).status).toBe(200);
    await consumed(probe, env.prefix, 'gateway', 'notifications');
    expect((await d.coordinator.post(`/api/events/${proposed.body.event.id}/approve`, {})).status).toBe(200);
    const approved = 'Мероприятие согласовано: «Турнир для проверки учётных записей»';
    await sink.waitFor((m) => m.envelope.to.includes('sosh-5@shcherbinovsky.test') && m.parsed.subject === approved, { timeoutMs: 15_000 });
    await consumed(probe, env.prefix, 'calendar', 'notifications');
    expect(sink.to('metodist3@mk-moshr.test')).toEqual([]);
    expect(sink.to('deputy@sosh5.test').map((m) => m.parsed.subject)).not.toContain(approved);
  });
});
