import { startGateway } from '@tochka/gateway';
import { startNotifications } from '@tochka/notifications';
import { startRegistrations } from '@tochka/registrations';
import {
  Api,
  BusProbe,
  CalendarFeed,
  createTestEnv,
  eventually,
  ManualClock,
  SmtpSink,
  startSmtpSink,
  Started,
  startStack,
  TestEnv,
  userApi,
} from '@tochka/testing';

/**
 * The audit log (who did what to which registration, when, from where; kept as it was) and the
 * coordinator's anonymisation of a registration's contacts after the event (figures stay; no
 * copy of the contacts is left in the registrations history or the notifications read model).
 */
describe('audit log and personal data', () => {
  let env: TestEnv;
  let sink: SmtpSink;
  // The registrations service runs on a manual clock (the event is over when the test says so).
  const clock = new ManualClock('2023-04-10T09:00:00Z');
  let stack: Started<{ registrations: typeof startRegistrations; notifications: typeof startNotifications; gateway: typeof startGateway }>;
  let probe: BusProbe;
  let feed: CalendarFeed;
  let coordinator: Api, head3: Api, ds5: Api;
  const ADULT = { name: 'Шевчук Ольга Николаевна', phone: '+7 918 555-12-34' };
  const CONTACT = 'shevchuk.private@ds5.test';
  const fromAddress = (api: Api, address: string) => ({
    post: (path: string, body?: unknown) => api.post(path, body, { 'x-forwarded-for': address }),
    patch: (path: string, body?: unknown) => api.patch(path, body, { 'x-forwarded-for': address }),
  });

  beforeAll(async () => {
    env = createTestEnv();
    sink = await startSmtpSink();
    stack = await startStack(
      env,
      { registrations: (o) => startRegistrations({ ...o, clock }), notifications: startNotifications, gateway: startGateway },
      { overrides: { gateway: { TRUST_PROXY: 'loopback' }, notifications: { SMTP_URL: sink.url, NOTIFICATION_POLL_MS: 100 } } },
    );
    probe = await BusProbe.connect(env);
    feed = new CalendarFeed(stack.registrations.runtime.bus);
    [coordinator, head3, ds5] = await Promise.all([
      userApi(stack.gateway, 'metodist@mk-moshr.test', 'coordinator', 'mk-moshr'),
      userApi(stack.gateway, 'head@sosh3.test', 'centre_head', 'sosh-3'),
      userApi(stack.gateway, 'metodist@ds5.test', 'kindergarten', 'ds-5'),
    ]);
  });

  afterAll(async () => {
    await stack?.close();
    await probe?.close();
    await sink?.close();
    await env?.cleanup();
  });

  it('records who changed a registration, when, from which address; entries stay as they were; only the coordinator reads them', async () => {
    const event = await feed.approved(CalendarFeed.event({ title: 'Мастер-класс для журнала' }));
    await eventually(async () => (await coordinator.get(`/api/events/${event.id}/registrations`)).status === 200);
    const created = await fromAddress(ds5, '10.20.0.5').post(`/api/events/${event.id}/registrations`, {
      groupName: 'Группа «Журнал»',
      children: 5,
      adults: [ADULT],
      contactEmail: CONTACT,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await fromAddress(ds5, '10.20.0.6').patch(`/api/registrations/${id}`, { children: 4 })).status).toBe(200);
    expect((await fromAddress(coordinator, '10.20.0.9').post(`/api/registrations/${id}/cancel`, { reason: 'Карантин в группе' })).status).toBe(200);

    const log = await coordinator.get(`/api/audit?objectId=${id}`);
    expect(log.status).toBe(200);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['registration.cancel', 'registration.update', 'registration.create']);
    const [cancel, update, create] = log.body.items;
    expect(create).toMatchObject({
      actor: { role: 'kindergarten', organizationId: 'ds-5' },
      address: '10.20.0.5',
      method: 'POST',
      route: '/api/events/{id}/registrations',
      object: { type: 'registration', id },
      eventId: event.id,
      status: 201,
      // The state right after the action, not the current one.
      result: { status: 'confirmed', version: 1 },
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(update).toMatchObject({ address: '10.20.0.6', result: { version: 2 }, actor: { organizationId: 'ds-5' } });
    expect(cancel).toMatchObject({ address: '10.20.0.9', result: { status: 'cancelled' }, actor: { role: 'coordinator' } });
    // By event: its registrations' entries too.
    expect((await coordinator.get(`/api/audit?objectId=${event.id}`)).body.total).toBe(3);
    // By user.
    const me = (await ds5.get('/api/me')).body.id as string;
    expect((await coordinator.get(`/api/audit?userId=${me}`)).body.items).toHaveLength(2);
    for (const other of [ds5, head3]) expect((await other.get('/api/audit')).status).toBe(403);
    // Reads leave no entry.
    await coordinator.get(`/api/registrations/${id}`);
    expect((await coordinator.get(`/api/audit?objectId=${id}`)).body.total).toBe(3);
  });

  it('the coordinator anonymises a registration after the event: contacts gone everywhere, figures stay, nobody mailed', async () => {
    const event = await feed.approved(
      CalendarFeed.event({ title: 'Мастер-класс для обезличивания', start: '2023-04-12T11:00:00.000Z', end: '2023-04-12T12:30:00.000Z' }),
    );
    await eventually(async () => (await coordinator.get(`/api/events/${event.id}/registrations`)).status === 200);
    const created = await ds5.post(`/api/events/${event.id}/registrations`, {
      groupName: 'Группа «Тайна»',
      children: 6,
      adults: [ADULT],
      contactEmail: CONTACT,
      notes: 'Ребёнок Петров: аллергия на орехи',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    // A second version with the contacts, so the history holds them twice.
    expect((await ds5.patch(`/api/registrations/${id}`, { children: 5 })).status).toBe(200);
    await sink.waitFor((m) => m.envelope.to.includes(CONTACT), { count: 2, timeoutMs: 20_000 });

    const early = await coordinator.post(`/api/registrations/${id}/anonymize`);
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/после окончания мероприятия/);

    clock.set('2023-04-12T13:00:00Z');
    expect((await head3.post(`/api/events/${event.id}/attendance`, { records: [{ registrationId: id, attended: true, actualChildren: 4 }] })).status).toBe(200);
    expect((await ds5.post(`/api/registrations/${id}/anonymize`)).status).toBe(403);
    expect((await head3.post(`/api/registrations/${id}/anonymize`)).status).toBe(403);

    const done = await coordinator.post(`/api/registrations/${id}/anonymize`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ children: 5, status: 'confirmed', attendance: { attended: true, actualChildren: 4 }, anonymizedAt: expect.any(String) });
    expect(done.body.adults).toEqual([{ name: 'Данные удалены', phone: 'удалён' }]);
    expect(done.body.contactEmail).toMatch(/@anonymized\.invalid$/);
    expect(done.body.notes).toBeUndefined();
    // Twice: the same answer, nothing new.
    expect((await coordinator.post(`/api/registrations/${id}/anonymize`)).body.version).toBe(done.body.version);

    // The registrations history: no version keeps the contacts.
    const commits = await stack.registrations.runtime.mongo.collection('ledger_commits').find({ eventId: event.id }).toArray();
    expect(commits.length).toBeGreaterThanOrEqual(3);
    const history = JSON.stringify(commits);
    for (const secret of [ADULT.name, ADULT.phone, CONTACT, 'аллергия']) expect(history).not.toContain(secret);

    // The notifications read model drops its copy; the attendance figures of the event stay.
    await eventually(async () => {
      const doc = await stack.notifications.runtime.mongo.collection('registrations').findOne({ _id: id as never });
      return doc && JSON.stringify(doc).includes('anonymized.invalid') && !JSON.stringify(doc).includes(ADULT.phone);
    }, 20_000);
    const list = await coordinator.get(`/api/events/${event.id}/registrations`);
    expect(list.body.items[0]).toMatchObject({ children: 5, attendance: { actualChildren: 4 } });

    const announced = (await probe.events('registrations')).filter((e) => e.envelope.type === 'registration.anonymized');
    expect(announced).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 1500));
    // Nobody is told: no notification from the anonymisation, no mail to the placeholder.
    expect(await stack.notifications.runtime.mongo.collection('notifications').countDocuments({ sourceType: 'registration.anonymized' })).toBe(0);
    expect(sink.messages.filter((m) => m.envelope.to.some((to) => to.endsWith('anonymized.invalid')))).toEqual([]);

    const audit = await coordinator.get(`/api/audit?objectId=${id}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'registration.anonymize', actor: { role: 'coordinator' } });
  });
});
