import { createHash, randomBytes } from 'node:crypto';
import ICAL from 'ical.js';
import { registrationEvents } from '@tochka/contracts';
import { createEvent, publishEvent } from '@tochka/messaging';
import { startCalendar } from '@tochka/calendar';
import { IcalFeeds, startGateway } from '@tochka/gateway';
import { startRegistrations } from '@tochka/registrations';
import { RunningService } from '@tochka/runtime';
import { Api, BusProbe, consumed, createTestEnv, District, eventually, ManualClock, setUpDistrict, TEST_PASSWORD, TestEnv, tournament } from '@tochka/testing';
import { CalendarStack, startCalendarStack } from './fixture';

const DAY = 24 * 3600_000;

describe('iCal subscriptions and feeds', () => {
  let env: TestEnv;
  let clock: ManualClock;
  let stack: CalendarStack;
  let registrations: RunningService;
  /** A second gateway behind the same "load balancer": its own memory, the same bus and databases. */
  let gateway2: Awaited<ReturnType<typeof startGateway>>;
  let probe: BusProbe;
  let d: District;
  let slot = 0;

  const day = () => {
    const date = new Date(Date.UTC(2022, 10, 10 + slot++));
    return (h: number, m = 0) => new Date(date.getTime() + (h - 3) * 3600_000 + m * 60_000).toISOString();
  };

  const approved = async (body: Record<string, unknown>, api: Api = d.head5) => {
    const res = await api.post('/api/events', body);
    expect(res.status).toBe(201);
    const approval = await d.coordinator.post(`/api/events/${res.body.event.id}/approve`, {});
    expect(approval.status).toBe(200);
    return approval.body.event;
  };

  const subscribe = async (api: Api, scope: Record<string, unknown>) => {
    const res = await api.post('/api/calendar-subscriptions', { scope });
    expect(res.status).toBe(201);
    return res.body;
  };

  /** The feed as a calendar app gets it: no login, the path of the subscription's address. */
  const fetchFeed = (sub: { url: string }, headers: Record<string, string> = {}) => new Api(stack.gateway.url).get(new URL(sub.url).pathname, headers);
  const fetchFeedFrom2 = (sub: { url: string }, headers: Record<string, string> = {}) => new Api(gateway2.url).get(new URL(sub.url).pathname, headers);

  /** The first gateway forgets what it holds, so the next request asks a calendar instance. */
  const gatewayForget = () => stack.gateway.app.get(IcalFeeds).forget();

  /** The coordinator changes an account, as an operator would (PATCH /api/users/{id}). */
  const changeAccount = async (api: Api, change: Record<string, unknown>) => {
    const { id } = (await api.get('/api/me')).body;
    const res = await d.coordinator.patch(`/api/users/${id}`, change);
    expect(res.status).toBe(200);
  };

  const parse = (ics: string) => {
    const calendar = new ICAL.Component(ICAL.parse(ics));
    for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    const vevents = calendar.getAllSubcomponents('vevent');
    return { calendar, vevents, events: vevents.map((v) => new ICAL.Event(v)) };
  };

  const entry = (ics: string, id: string) => {
    const { vevents } = parse(ics);
    const vevent = vevents.find((v) => v.getFirstPropertyValue('uid') === `${id}@tochka-rosta`);
    return vevent && { vevent, event: new ICAL.Event(vevent) };
  };

  beforeAll(async () => {
    env = createTestEnv();
    clock = new ManualClock('2022-11-01T09:00:00Z');
    // Small parts, so every feed here travels from the calendar to the gateway in several NATS messages.
    stack = await startCalendarStack(env, clock, { CALENDAR_FEED_PART_BYTES: 1024 });
    registrations = await startRegistrations({ overrides: env.overrides('registrations'), clock });
    probe = await BusProbe.connect(env);
    d = await setUpDistrict(stack);
    gateway2 = await startGateway({ overrides: env.overrides('gateway') });
  });

  afterAll(async () => {
    await gateway2?.close();
    await registrations?.close();
    await stack?.close();
    await probe?.close();
    await env?.cleanup();
  });

  it('a subscription tells its secret address once (https and webcal); the list shows no token; only its hash is stored', async () => {
    const sub = await subscribe(d.head5, { kind: 'organization', organizationId: 'sosh-5' });
    expect(sub).toMatchObject({ scope: { kind: 'organization', organizationId: 'sosh-5' }, name: 'Мероприятия: МБОУ СОШ № 5' });
    const token = sub.url.match(/^https?:\/\/[^/]+\/ical\/([A-Za-z0-9_-]{43})\.ics$/)?.[1];
    expect(token).toBeDefined();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(sub.webcalUrl).toBe(sub.url.replace(/^https?:\/\//, 'webcal://'));

    const list = await d.head5.get('/api/calendar-subscriptions');
    expect(list.body.items).toContainEqual({ id: sub.id, scope: sub.scope, name: sub.name, createdAt: sub.createdAt });
    expect(list.text).not.toContain(token);
    expect((await d.head9.get('/api/calendar-subscriptions')).body.items.map((s: any) => s.id)).not.toContain(sub.id);

    // The id is the token's SHA-256: what is stored cannot be turned back into the address.
    expect(sub.id).toBe(createHash('sha256').update(token).digest('hex'));
    const stored = await stack.calendar.runtime.mongo.collection('subscriptions').findOne({ _id: sub.id } as never);
    expect(stored).toMatchObject({ userId: expect.any(String), scope: sub.scope });
    expect(JSON.stringify(stored)).not.toContain(token);

    const bad = await d.head5.post('/api/calendar-subscriptions', { scope: { kind: 'school' } });
    expect(bad.status).toBe(400);
    const unknown = await d.head5.post('/api/calendar-subscriptions', { scope: { kind: 'organization', organizationId: 'sosh-77' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('Организация не найдена');
  });

  it('feeds parse back (ical.js) with a stable UID, a growing SEQUENCE, Moscow times; cancelled events stay 30 days; proposals and rejections never appear', async () => {
    const at = day();
    const sub = await subscribe(d.staff5, { kind: 'organization', organizationId: 'sosh-9' });
    const event = await approved(tournament(d.agreements.s5s9, { start: at(10), end: at(13) }));
    const proposal = (
      await d.head5.post('/api/events', tournament(d.agreements.s5s9, { venue: 'project-room', start: at(10), end: at(11), title: 'Пока не согласовано' }))
    ).body.event;
    const rejected = (
      await d.head5.post('/api/events', tournament(d.agreements.s5s9, { venue: 'project-room', start: at(15), end: at(16), title: 'Отклонённое' }))
    ).body.event;
    await d.coordinator.post(`/api/events/${rejected.id}/reject`, { reason: 'Не по плану' });

    const first = await fetchFeed(sub);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const { calendar } = parse(first.text);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Мероприятия: МБОУ СОШ № 9');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Moscow');
    expect(String(calendar.getFirstPropertyValue('refresh-interval'))).toBe('PT1H');
    const shown = entry(first.text, event.id)!;
    expect(shown.event.sequence).toBe(1);
    expect(shown.event.summary).toBe('Турнир по шахматам и шашкам «Белая ладья»');
    expect(shown.event.startDate.zone?.tzid).toBe('Europe/Moscow');
    expect(shown.event.startDate.toString()).toBe(`${at(12).slice(0, 10)}T10:00:00`);
    expect(shown.event.startDate.toJSDate().toISOString()).toBe(at(10));
    expect(shown.event.endDate.toJSDate().toISOString()).toBe(at(13));
    expect(shown.vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(shown.vevent.getFirstPropertyValue('url')).toBe(`http://localhost:8080/events/${event.id}`);
    expect(shown.event.location).toBe('МБОУ СОШ № 5, Шахматная зона, ст. Старощербиновская, ул. Первомайская, 1');
    expect(entry(first.text, proposal.id)).toBeUndefined();
    expect(entry(first.text, rejected.id)).toBeUndefined();

    await d.head5.post(`/api/events/${event.id}/reschedule`, { start: at(11), end: at(14) });
    const moved = entry((await fetchFeed(sub)).text, event.id)!;
    expect(moved.event.sequence).toBe(2);
    expect(moved.event.startDate.toString()).toBe(`${at(12).slice(0, 10)}T11:00:00`);

    await d.head5.post(`/api/events/${event.id}/cancel`, { reason: 'Карантин' });
    const cancelled = entry((await fetchFeed(sub)).text, event.id)!;
    expect(cancelled.event.sequence).toBe(3);
    expect(cancelled.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.event.summary).toBe('ОТМЕНЕНО: Турнир по шахматам и шашкам «Белая ладья»');

    const saved = clock.now();
    try {
      clock.set(new Date(saved.getTime() + 29 * DAY));
      expect(entry((await fetchFeed(sub)).text, event.id)).toBeDefined();
      clock.set(new Date(saved.getTime() + 31 * DAY));
      expect(entry((await fetchFeed(sub)).text, event.id)).toBeUndefined();
    } finally {
      clock.set(saved);
    }
  });

  it('answers 304 to If-None-Match and If-Modified-Since until something in the feed changes; serves gzip or plain text', async () => {
    const at = day();
    const event = await approved(
      tournament(d.agreements.s5ds9, { partners: ['ds-9'], venue: 'project-room', start: at(10), end: at(11), title: 'День открытых дверей для д/с № 9' }),
    );
    const sub = await subscribe(d.ds9, { kind: 'organization', organizationId: 'ds-9' });

    const full = await fetchFeed(sub);
    const etag = full.headers.get('etag')!;
    const lastModified = full.headers.get('last-modified')!;
    expect(etag).toMatch(/^W\/"[0-9a-f]{32}"$/);
    expect(new Date(lastModified).toUTCString()).toBe(lastModified);
    expect(full.headers.get('content-encoding')).toBe('gzip');
    expect(full.headers.get('cache-control')).toBe('private, no-cache');

    const notModified = await fetchFeed(sub, { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    expect((await fetchFeed(sub, { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await fetchFeed(sub, { 'if-none-match': '"something-else"', 'if-modified-since': lastModified })).status).toBe(200);

    const plain = await fetchFeed(sub, { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.text).toBe(full.text);

    clock.advance(60_000);
    await d.head5.patch(`/api/events/${event.id}`, { description: 'Экскурсия и мастер-класс по ЛЕГО-конструированию' });
    const changed = await fetchFeed(sub, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(entry(changed.text, event.id)!.event.description).toContain('Экскурсия и мастер-класс по ЛЕГО-конструированию');
    expect((await fetchFeed(sub, { 'if-modified-since': lastModified })).status).toBe(200);
  });

  it('a feed larger than one message arrives whole', async () => {
    const at = day();
    const ids: string[] = [];
    for (let h = 8; h < 18; h++)
      ids.push(
        (
          await approved(
            tournament(d.agreements.s3ds5, {
              hostId: 'sosh-3',
              partners: ['ds-5'],
              venue: 'project-room',
              kind: 'master_class',
              direction: 'robotics',
              start: at(h),
              end: at(h, 50),
              title: `Запускаем роботов, группа ${h}`,
            }),
            d.head3,
          )
        ).id,
      );
    const sub = await subscribe(d.head3, { kind: 'agreement', agreementId: d.agreements.s3ds5 });
    const feed = await fetchFeed(sub, { 'accept-encoding': 'gzip' });
    // More compressed bytes than one part (1 KiB here): the gateway put it together from several.
    expect(Number(feed.headers.get('content-length'))).toBeGreaterThan(1024);
    const uids = parse(feed.text).events.map((e) => e.uid);
    expect(uids.sort()).toEqual(ids.map((id) => `${id}@tochka-rosta`).sort());
  });

  it('revoked and unknown addresses get the same 404; so does the address of a deactivated account', async () => {
    const sub = await subscribe(d.head9, { kind: 'plan' });
    expect((await fetchFeed(sub)).status).toBe(200);
    expect((await d.head5.delete(`/api/calendar-subscriptions/${sub.id}`)).status).toBe(404);
    expect((await d.head9.delete(`/api/calendar-subscriptions/${sub.id}`)).status).toBe(204);
    expect((await d.head9.get('/api/calendar-subscriptions')).body.items.map((s: any) => s.id)).not.toContain(sub.id);

    const revoked = await fetchFeed(sub);
    const unknown = await new Api(stack.gateway.url).get(`/ical/${randomBytes(32).toString('base64url')}.ics`);
    const malformed = await new Api(stack.gateway.url).get('/ical/abc.ics');
    for (const res of [revoked, unknown, malformed]) {
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'not_found', detail: 'Календарь не найден' });
    }
    expect(revoked.text).toBe(unknown.text);

    const other = await subscribe(d.staff5, { kind: 'plan' });
    expect((await fetchFeed(other)).status).toBe(200);
    expect((await fetchFeedFrom2(other)).status).toBe(200);
    await changeAccount(d.staff5, { active: false });
    try {
      // Both gateways served it from memory a moment ago: the one that made the change forgets at
      // once, the other when `user.updated` reaches it over the bus.
      const orphan = await fetchFeed(other);
      expect(orphan.status).toBe(404);
      expect(orphan.text).toBe(unknown.text);
      await eventually(async () => ((await fetchFeedFrom2(other)).status === 404 ? true : undefined));
    } finally {
      const list = await d.coordinator.get('/api/users?organizationId=sosh-5&limit=100');
      const { id } = list.body.items.find((u: any) => u.role === 'staff');
      expect((await d.coordinator.patch(`/api/users/${id}`, { active: true })).status).toBe(200);
      d.staff5 = await new Api(stack.gateway.url).login('teacher@sosh5.test', TEST_PASSWORD);
    }
  });

  it('a revoked address stops working at once on every gateway; both gateways answer the same etag and bytes', async () => {
    const at = day();
    const event = await approved(
      tournament(d.agreements.s5s9, { venue: 'project-room', start: at(10), end: at(11), title: 'Открытый урок для двух гейтвеев' }),
    );
    const sub = await subscribe(d.head9, { kind: 'organization', organizationId: 'sosh-9' });
    const one = await fetchFeed(sub, { 'accept-encoding': 'identity' });
    const two = await fetchFeedFrom2(sub, { 'accept-encoding': 'identity' });
    expect(one.status).toBe(200);
    expect(two.headers.get('etag')).toBe(one.headers.get('etag'));
    expect(two.headers.get('last-modified')).toBe(one.headers.get('last-modified'));
    expect(two.text).toBe(one.text);
    expect(entry(one.text, event.id)).toBeDefined();
    // Kept in memory on both now.
    expect((await fetchFeedFrom2(sub, { 'if-none-match': one.headers.get('etag')! })).status).toBe(304);

    // A change made through one gateway is seen on the next request to either.
    await d.head5.patch(`/api/events/${event.id}`, { description: 'Описание после правки' });
    expect(entry((await fetchFeed(sub)).text, event.id)!.event.description).toContain('Описание после правки');
    const seen = await eventually(async () => {
      const res = await fetchFeedFrom2(sub);
      return entry(res.text, event.id)!.event.description.includes('Описание после правки') ? res : undefined;
    });
    expect(seen.headers.get('etag')).toBe((await fetchFeed(sub)).headers.get('etag'));

    // Revoked through the first gateway: 404 there at once, and on the second once
    // `subscription.revoked` reaches it (published before the revoke is answered).
    expect((await d.head9.delete(`/api/calendar-subscriptions/${sub.id}`)).status).toBe(204);
    expect((await fetchFeed(sub)).status).toBe(404);
    expect((await fetchFeedFrom2(sub)).status).toBe(404);
  });

  it('a second calendar instance keeps its feed events current from the bus: the same etag and content from either, changes seen at once', async () => {
    const calendar2 = await startCalendar({ overrides: env.overrides('calendar', { CALENDAR_FEED_PART_BYTES: 1024 }), clock });
    try {
      const at = day();
      const event = await approved(tournament(d.agreements.s5s9, { venue: 'project-room', start: at(10), end: at(11), title: 'Урок на двух календарях' }));
      const proposal = (
        await d.head5.post('/api/events', tournament(d.agreements.s5s9, { venue: 'project-room', start: at(12), end: at(13), title: 'Отменённое предложение' }))
      ).body.event;
      expect((await d.head5.post(`/api/events/${proposal.id}/cancel`, { reason: 'Передумали' })).status).toBe(200);
      const sub = await subscribe(d.head9, { kind: 'organization', organizationId: 'sosh-9' });
      // Requests are shared between the two instances (one queue group): ask several times.
      for (let round = 0; round < 2; round++) {
        if (round === 1) {
          clock.advance(60_000);
          await d.head5.patch(`/api/events/${event.id}`, { description: `Правка ${round}` });
        }
        const answers = [];
        for (let i = 0; i < 6; i++) {
          gatewayForget();
          answers.push(await fetchFeed(sub, { 'accept-encoding': 'identity' }));
        }
        expect(new Set(answers.map((a) => a.headers.get('etag'))).size).toBe(1);
        expect(new Set(answers.map((a) => a.text)).size).toBe(1);
        const shown = entry(answers[0]!.text, event.id)!;
        expect(shown.event.description.includes('Правка 1')).toBe(round === 1);
        expect(entry(answers[0]!.text, proposal.id)).toBeUndefined();
      }
    } finally {
      await calendar2.close();
    }
  });

  it('"mine" shows the owner’s organisation’s events and those it registered groups for, as of the request', async () => {
    const at = day();
    const own = await approved(
      tournament(d.agreements.s5ds9, { partners: ['ds-9'], venue: 'project-room', start: at(10), end: at(11), title: 'Мастер-класс для д/с № 9' }),
    );
    const other = await approved(
      tournament(d.agreements.s3ds5, {
        hostId: 'sosh-3',
        partners: ['ds-5'],
        venue: 'project-room',
        start: at(10),
        end: at(11),
        title: 'Мастер-класс для д/с № 5',
      }),
      d.head3,
    );
    const sub = await subscribe(d.ds9, { kind: 'mine' });
    expect(sub.name).toBe('Мои мероприятия: МБДОУ ЦРР д/с № 9');
    const ids = async () => parse((await fetchFeed(sub)).text).events.map((e) => e.uid);
    expect(await ids()).toContain(`${own.id}@tochka-rosta`);
    expect(await ids()).not.toContain(`${other.id}@tochka-rosta`);

    // A registration of д/с № 9's group for the other event (as the registrations service announces it).
    const registration = (version: number, status: 'confirmed' | 'cancelled') => ({
      registration: {
        id: 'reg-ds9-1',
        eventId: other.id,
        organizationId: 'ds-9',
        organizationName: 'МБДОУ ЦРР д/с № 9',
        groupName: 'Старшая группа «Звёздочки»',
        children: 12,
        adults: [{ name: 'Костенко Н.В.', phone: '+7 900 000-00-01' }],
        contactEmail: 'ds9@shcherbinovsky.test',
        status,
        createdBy: { userId: 'u-ds9', organizationId: 'ds-9' },
        createdAt: clock.now().toISOString(),
        updatedAt: new Date(clock.now().getTime() + version * 1000).toISOString(),
        version,
      },
      event: {
        id: other.id,
        title: other.title,
        start: other.start,
        end: other.end,
        hostId: 'sosh-3',
        hostName: 'МБОУ СОШ № 3',
        venueName: 'Проектная комната',
        address: other.venue.address,
        sequence: other.sequence,
      },
    });
    const js = probe.nc.jetstream();
    await publishEvent(js, env.prefix, createEvent(registrationEvents.confirmed, registration(1, 'confirmed') as never));
    await consumed(probe, env.prefix, 'registrations', 'calendar');
    expect(await ids()).toContain(`${other.id}@tochka-rosta`);
    await publishEvent(js, env.prefix, createEvent(registrationEvents.cancelled, registration(2, 'cancelled') as never));
    await consumed(probe, env.prefix, 'registrations', 'calendar');
    expect(await ids()).not.toContain(`${other.id}@tochka-rosta`);

    // The owner moves to д/с № 5: the same address now shows д/с № 5's events.
    await changeAccount(d.ds9, { organizationId: 'ds-5' });
    try {
      const now = await ids();
      expect(now).toContain(`${other.id}@tochka-rosta`);
      expect(now).not.toContain(`${own.id}@tochka-rosta`);
    } finally {
      const list = await d.coordinator.get('/api/users?organizationId=ds-5&limit=100');
      const { id } = list.body.items.find((u: any) => u.role === 'kindergarten' && u.email.includes('ds9'));
      expect((await d.coordinator.patch(`/api/users/${id}`, { organizationId: 'ds-9' })).status).toBe(200);
      d.ds9 = await new Api(stack.gateway.url).login('zav@ds9.test', TEST_PASSWORD);
    }
  });

  it('plan, agreement and festival feeds hold exactly their events', async () => {
    const festival = (await d.coordinator.post('/api/festivals', { name: 'Траектория успеха — «Точка роста»', startDate: '2023-04-17', endDate: '2023-04-28' }))
      .body;
    const inFestival = await approved(
      tournament(d.agreements.network, {
        festivalId: festival.id,
        venue: 'project-room',
        start: '2023-04-19T07:00:00.000Z',
        end: '2023-04-19T08:00:00.000Z',
        title: 'Фестивальный урок',
      }),
    );
    const elsewhere = await approved(
      tournament(d.agreements.s5s9, {
        venue: 'project-room',
        start: '2023-04-20T07:00:00.000Z',
        end: '2023-04-20T08:00:00.000Z',
        title: 'Не фестивальный урок',
      }),
    );

    const festivalFeed = parse((await fetchFeed(await subscribe(d.staff5, { kind: 'festival', festivalId: festival.id }))).text);
    expect(festivalFeed.calendar.getFirstPropertyValue('x-wr-calname')).toBe('Фестиваль «Траектория успеха — «Точка роста»»');
    expect(festivalFeed.events.map((e) => e.uid)).toEqual([`${inFestival.id}@tochka-rosta`]);

    const agreementFeed = parse((await fetchFeed(await subscribe(d.staff5, { kind: 'agreement', agreementId: d.agreements.network }))).text);
    expect(agreementFeed.events.map((e) => e.uid)).toContain(`${inFestival.id}@tochka-rosta`);
    expect(agreementFeed.events.map((e) => e.uid)).not.toContain(`${elsewhere.id}@tochka-rosta`);

    const planFeed = parse((await fetchFeed(await subscribe(d.ds9, { kind: 'plan' }))).text);
    const uids = planFeed.events.map((e) => e.uid);
    expect(uids).toEqual(expect.arrayContaining([`${inFestival.id}@tochka-rosta`, `${elsewhere.id}@tochka-rosta`]));
    const listed = await d.coordinator.get('/api/events?limit=200');
    const published = listed.body.items.filter(
      (e: any) =>
        ['approved', 'at_risk', 'held'].includes(e.status) ||
        // (the proposal cancelled before its approval, above, never appears)
        (e.status === 'cancelled' && Date.parse(e.cancelledAt) > clock.now().getTime() - 30 * DAY && e.title !== 'Отменённое предложение'),
    );
    expect(uids.length).toBe(published.length);
  });

  it('a capacity change of an approved event is checked by registrations against confirmed groups', async () => {
    const at = day();
    const event = await approved(
      tournament(d.agreements.s5ds9, {
        partners: ['ds-9'],
        venue: 'project-room',
        kind: 'master_class',
        direction: 'lego',
        start: at(10),
        end: at(11),
        capacity: { seats: 16 },
        title: 'ЛЕГО-мастерская',
      }),
    );
    const group = {
      groupName: 'Подготовительная группа',
      children: 12,
      adults: [{ name: 'Костенко Н.В.', phone: '+7 900 000-00-01' }],
      contactEmail: 'ds9@shcherbinovsky.test',
    };
    const registered = await eventually(async () => {
      const res = await d.ds9.post(`/api/events/${event.id}/registrations`, group);
      return res.status === 201 ? res : undefined;
    });
    expect(registered.body.status).toBe('confirmed');

    const tooSmall = await d.head5.patch(`/api/events/${event.id}`, { capacity: { seats: 10 } });
    expect(tooSmall.status).toBe(409);
    expect(tooSmall.body.detail).toBe('Нельзя уменьшить вместимость до 10 мест: подтверждено детей — 12');
    expect((await d.head5.get(`/api/events/${event.id}`)).body.capacity).toEqual({ seats: 16 });

    const raised = await d.head5.patch(`/api/events/${event.id}`, { capacity: { seats: 20 } });
    expect(raised.status).toBe(200);
    expect(raised.body.event.capacity).toEqual({ seats: 20 });
  });
});
