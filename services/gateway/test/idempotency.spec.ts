import { startAgreements } from '@tochka/agreements';
import { startCalendar } from '@tochka/calendar';
import { RunningService } from '@tochka/runtime';
import { Api, BusProbe, createTestEnv, eventually, organizationBody, TestEnv, userApi } from '@tochka/testing';
import { RunningGateway, startGateway } from '@tochka/gateway';

/**
 * Every creating route takes an `Idempotency-Key` (as group registrations do): a request retried
 * after a timeout creates nothing twice and gets the first answer; the key reused for another
 * request is refused (422) and creates nothing.
 */
describe('Idempotency-Key on the creating routes', () => {
  let env: TestEnv;
  let services: RunningService[];
  let gateway: RunningGateway;
  let probe: BusProbe;
  let coordinator: Api;
  let head: Api;

  const key = (name: string) => ({ 'Idempotency-Key': `${name}-${env.prefix}` });
  const published = async (producer: 'agreements' | 'calendar' | 'gateway', type: string, id: string) =>
    (await probe.events(producer)).filter((e) => {
      const data = e.envelope.data as Record<string, { id?: string } | undefined>;
      return e.envelope.type === type && Object.values(data).some((v) => v?.id === id);
    });
  /** Twice with one key: the same answer, one thing created. */
  const twice = async (api: Api, path: string, body: unknown, k: Record<string, string>) => {
    const first = await api.post(path, body, k);
    const again = await api.post(path, body, k);
    expect([first.status, again.status]).toEqual([201, 201]);
    return { first: first.body, again: again.body };
  };

  beforeAll(async () => {
    env = createTestEnv();
    services = await Promise.all([startAgreements({ overrides: env.overrides('agreements') }), startCalendar({ overrides: env.overrides('calendar') })]);
    gateway = await startGateway({ overrides: env.overrides('gateway') });
    probe = await BusProbe.connect(env);
    coordinator = await userApi(gateway, 'metodist@mk-moshr.test', 'coordinator', 'mk-moshr');
    for (const [id, kind, name] of [
      ['sosh-1', 'school', 'МБОУ СОШ № 1'],
      ['ds-9', 'kindergarten', 'МБДОУ д/с № 9'],
    ] as const) {
      expect((await coordinator.post('/api/organizations', organizationBody(id, kind, name))).status).toBe(201);
    }
    head = await userApi(gateway, 'head@sosh-1.test', 'centre_head', 'sosh-1');
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all((services ?? []).map((s) => s.close()));
    await probe?.close();
    await env?.cleanup();
  });

  it('organisations: a repeat registers nothing new; the key for another organisation is refused', async () => {
    const body = organizationBody('ignored', 'partner', 'Дом культуры');
    const { id: _given, ...withoutId } = body;
    const { first, again } = await twice(coordinator, '/api/organizations', withoutId, key('org'));
    expect(again).toEqual(first);
    expect((await coordinator.get('/api/organizations?kind=partner')).body.total).toBe(1);
    await eventually(async () => (await published('agreements', 'organization.registered', first.id)).length === 1);

    const reused = await coordinator.post('/api/organizations', { ...withoutId, shortName: 'Библиотека' }, key('org'));
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ code: 'idempotency_key_reused' });
    expect(reused.body.detail).toMatch(/Idempotency-Key/);
    // Another key is another request: a second organisation.
    expect((await coordinator.post('/api/organizations', withoutId, key('org-2'))).status).toBe(201);
    expect((await coordinator.get('/api/organizations?kind=partner')).body.total).toBe(2);
    // A key that is no key at all is a 400 naming the header.
    const bad = await coordinator.post('/api/organizations', withoutId, { 'Idempotency-Key': 'has a space' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('Idempotency-Key');
  });

  it('agreements: a repeated draft is the same draft; the same key from another user is another draft', async () => {
    const draft = {
      number: `СВ-ИК/${env.prefix}`,
      title: 'О сетевом взаимодействии',
      parties: [
        { organizationId: 'sosh-1', responsible: { name: 'Иванова А.А.' } },
        { organizationId: 'ds-9', responsible: { name: 'Петрова Б.Б.' } },
      ],
      directions: ['robotics'],
      validFrom: '2030-09-01',
      validTo: '2031-08-31',
    };
    const { first, again } = await twice(head, '/api/agreements', draft, key('agr'));
    expect(again.id).toBe(first.id);
    expect((await coordinator.get('/api/agreements?party=ds-9')).body.total).toBe(1);
    expect((await head.post('/api/agreements', { ...draft, title: 'Другое' }, key('agr'))).status).toBe(422);
    // The coordinator's key is the coordinator's: the same text is a new request, refused here only for the taken number.
    const other = await coordinator.post('/api/agreements', draft, key('agr'));
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('number_taken');
  });

  it('events: a proposal retried after a timeout is proposed once', async () => {
    await eventually(async () => (await head.get('/api/organizations/sosh-1')).status === 200);
    const start = new Date(Date.now() + 30 * 24 * 3600_000);
    const proposal = {
      hostId: 'sosh-1',
      title: 'Мастер-класс «Роботы»',
      description: 'Собираем робота.',
      kind: 'master_class',
      direction: 'robotics',
      venue: 'room-1',
      start: start.toISOString(),
      end: new Date(start.getTime() + 3600_000).toISOString(),
      audience: ['pupils'],
      partners: [],
    };
    // The calendar learns of the host from its events: wait until it can take a proposal.
    const first = await eventually(async () => {
      const res = await head.post('/api/events', proposal, key('evt'));
      return res.status === 201 ? res.body : undefined;
    });
    const again = await head.post('/api/events', proposal, key('evt'));
    expect(again.status).toBe(201);
    expect(again.body.event).toEqual(first.event);
    await eventually(async () => (await published('calendar', 'event.proposed', first.event.id)).length === 1);
    expect((await head.post('/api/events', { ...proposal, title: 'Другое' }, key('evt'))).status).toBe(422);
    const mine = await head.get('/api/events?status=proposed');
    expect(mine.body.items.filter((e: { title: string }) => e.title === proposal.title)).toHaveLength(1);
  });

  it('users: a repeated account is the same account, announced once', async () => {
    const account = { email: `new@${env.prefix}.test`, name: 'Новый сотрудник', role: 'staff', organizationId: 'ds-9', password: 'длинный-пароль' };
    const { first, again } = await twice(coordinator, '/api/users', account, key('usr'));
    expect(again).toEqual(first);
    await eventually(async () => (await published('gateway', 'user.created', first.id)).length === 1);
    expect((await coordinator.post('/api/users', { ...account, name: 'Другой' }, key('usr'))).status).toBe(422);
    // Without a key a repeat is what it always was: the address is taken.
    expect((await coordinator.post('/api/users', account)).status).toBe(409);
  });

  it('calendar subscriptions: a retry is told the same secret address, and only one subscription exists', async () => {
    const scope = { kind: 'organization', organizationId: 'sosh-1' };
    const { first, again } = await twice(head, '/api/calendar-subscriptions', { scope }, key('sub'));
    expect(again).toEqual(first);
    expect(first.url).toMatch(/\/ical\/[A-Za-z0-9_-]{43}\.ics$/);
    const mine = (await head.get('/api/calendar-subscriptions')).body.items;
    expect(mine.map((s: { id: string }) => s.id)).toEqual([first.id]);
    // The address works.
    const feed = await fetch(new URL(new URL(first.url).pathname, gateway.url));
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    // Another scope under the same key is another request: refused, nothing created.
    const reused = await head.post('/api/calendar-subscriptions', { scope: { kind: 'plan' } }, key('sub'));
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    // The same key from another user is that user's own subscription, with another address.
    const theirs = await coordinator.post('/api/calendar-subscriptions', { scope }, key('sub'));
    expect(theirs.status).toBe(201);
    expect(theirs.body.url).not.toBe(first.url);
    // Without a key every request is a new subscription, as before.
    const plain = await head.post('/api/calendar-subscriptions', { scope });
    expect(plain.status).toBe(201);
    expect((await head.get('/api/calendar-subscriptions')).body.items).toHaveLength(2);
  });
});
