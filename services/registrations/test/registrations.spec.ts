import { CalendarEvent, calendarEvents, capacityRpcs, registrationRpcs } from '@tochka/contracts';
import { startGateway } from '@tochka/gateway';
import { startRegistrations } from '@tochka/registrations';
import { Api, BusProbe, CalendarFeed, createTestEnv, eventually, ManualClock, Started, startStack, TestEnv, userApi } from '@tochka/testing';

const HOUR = 3600_000;

describe('registrations through the gateway', () => {
  let env: TestEnv;
  // Only the registrations service runs on the manual clock: tokens keep real time.
  const clock = new ManualClock('2023-04-10T09:00:00Z');
  let stack: Started<{ registrations: typeof startRegistrations; gateway: typeof startGateway }>;
  let probe: BusProbe;
  let feed: CalendarFeed;
  let coordinator: Api, head3: Api, staff3: Api, ds5: Api, ds5staff: Api, ds9: Api, ds12: Api, head5: Api;

  const group = (groupName: string, children: number, extra: Record<string, unknown> = {}) => ({
    groupName,
    children,
    ageBand: '5–6 лет',
    adults: [{ name: 'Шевчук Ольга Николаевна', phone: '+7 918 000-00-01' }],
    contactEmail: 'metodist@ds5.test',
    ...extra,
  });

  /** An approved master class of СОШ № 3 with д/с № 5 and д/с № 9 invited, known to the service. */
  const openEvent = async (overrides: Partial<CalendarEvent> = {}) => {
    const event = await feed.approved(
      CalendarFeed.event({
        partners: [
          { organizationId: 'ds-5', organizationName: 'МБДОУ ЦРР д/с № 5' },
          { organizationId: 'ds-9', organizationName: 'МБДОУ ЦРР д/с № 9' },
        ],
        ...overrides,
      }),
    );
    await known(event);
    return event;
  };

  /** Wait until the service has taken this snapshot in. */
  const known = (event: CalendarEvent) =>
    eventually(async () => {
      const res = await coordinator.get(`/api/events/${event.id}/registrations`);
      return res.status === 200 && res.body.availability.event.sequence === event.sequence && res.body.availability.status === event.status && res;
    });

  const registrationsOf = async (eventId: string) => (await head3.get(`/api/events/${eventId}/registrations`)).body;

  const published = async (eventId: string) =>
    (await probe.events('registrations'))
      .filter((e) => (e.envelope.data as any).event.id === eventId)
      .map((e) => ({ type: e.envelope.type, group: (e.envelope.data as any).registration.groupName, data: e.envelope.data as any }));

  beforeAll(async () => {
    env = createTestEnv();
    stack = await startStack(env, { registrations: (o) => startRegistrations({ ...o, clock }), gateway: startGateway });
    probe = await BusProbe.connect(env);
    feed = new CalendarFeed(stack.registrations.runtime.bus);
    [coordinator, head3, staff3, ds5, ds5staff, ds9, ds12, head5] = await Promise.all([
      userApi(stack.gateway, 'metodist@mk-moshr.test', 'coordinator', 'mk-moshr'),
      userApi(stack.gateway, 'head@sosh3.test', 'centre_head', 'sosh-3'),
      userApi(stack.gateway, 'teacher@sosh3.test', 'staff', 'sosh-3'),
      userApi(stack.gateway, 'metodist@ds5.test', 'kindergarten', 'ds-5'),
      userApi(stack.gateway, 'vospitatel@ds5.test', 'staff', 'ds-5'),
      userApi(stack.gateway, 'metodist@ds9.test', 'kindergarten', 'ds-9'),
      userApi(stack.gateway, 'metodist@ds12.test', 'kindergarten', 'ds-12'),
      userApi(stack.gateway, 'head@sosh5.test', 'centre_head', 'sosh-5'),
    ]);
  });

  afterAll(async () => {
    await stack?.close();
    await probe?.close();
    await env?.cleanup();
  });

  beforeEach(() => clock.set('2023-04-10T09:00:00Z'));

  describe('outcomes', () => {
    it('confirms while places last, then waitlists with a position, and announces each', async () => {
      const event = await openEvent({ capacity: { seats: 10 } });
      const a = await ds5.post(`/api/events/${event.id}/registrations`, group('Старшая группа «Солнышко»', 4));
      expect(a.status).toBe(201);
      expect(a.body).toMatchObject({
        eventId: event.id,
        organizationId: 'ds-5',
        organizationName: 'МБДОУ ЦРР д/с № 5',
        groupName: 'Старшая группа «Солнышко»',
        children: 4,
        status: 'confirmed',
        createdBy: { organizationId: 'ds-5' },
        event: { id: event.id, title: event.title, hostId: 'sosh-3', hostName: 'МБОУ СОШ № 3', venueName: 'Кабинет робототехники', sequence: 0 },
      });
      expect(a.body.waitlistPosition).toBeUndefined();
      expect((await ds9.post(`/api/events/${event.id}/registrations`, group('Подготовительная «Звёздочка»', 5))).body.status).toBe('confirmed');
      const third = await ds5.post(`/api/events/${event.id}/registrations`, group('Средняя «Капелька»', 3));
      expect(third.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
      // One place is left: a group of one still fits, although another waits (it is larger than the place).
      expect((await ds9.post(`/api/events/${event.id}/registrations`, group('Малыши', 1))).body.status).toBe('confirmed');
      expect((await ds5staff.post(`/api/events/${event.id}/registrations`, group('Логопедическая', 2))).body).toMatchObject({
        status: 'waitlisted',
        waitlistPosition: 2,
      });

      const list = await registrationsOf(event.id);
      expect(list.scope).toBe('all');
      expect(list.items.map((r: any) => [r.groupName, r.status, r.waitlistPosition ?? null])).toEqual([
        ['Старшая группа «Солнышко»', 'confirmed', null],
        ['Подготовительная «Звёздочка»', 'confirmed', null],
        ['Средняя «Капелька»', 'waitlisted', 1],
        ['Малыши', 'confirmed', null],
        ['Логопедическая', 'waitlisted', 2],
      ]);
      expect(list.availability).toMatchObject({
        capacity: { seats: 10 },
        confirmedChildren: 10,
        confirmedGroups: 3,
        freeSeats: 0,
        waitlistedGroups: 2,
        waitlistedChildren: 5,
        open: true,
        registrationDeadline: '2023-04-16T11:00:00.000Z', // 24 h before the start
      });
      await eventually(async () => (await published(event.id)).length === 5);
      expect((await published(event.id)).map((e) => [e.type, e.group])).toEqual([
        ['registration.confirmed', 'Старшая группа «Солнышко»'],
        ['registration.confirmed', 'Подготовительная «Звёздочка»'],
        ['registration.waitlisted', 'Средняя «Капелька»'],
        ['registration.confirmed', 'Малыши'],
        ['registration.waitlisted', 'Логопедическая'],
      ]);
    });

    it('promotes in arrival order: a group larger than the free places keeps its turn, the next that fits goes ahead', async () => {
      const event = await openEvent({ capacity: { seats: 10 } });
      const post = async (api: Api, name: string, children: number) => (await api.post(`/api/events/${event.id}/registrations`, group(name, children))).body;
      const a = await post(ds5, 'A', 6);
      const b = await post(ds9, 'B', 4);
      const c = await post(ds5, 'C', 5);
      const d = await post(ds9, 'D', 2);
      const e = await post(ds5, 'E', 3);
      expect([a, b, c, d, e].map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted', 'waitlisted']);

      // B leaves: 4 free. C (5) does not fit and keeps place 1; D (2) is promoted; E (3) no longer fits.
      const cancelled = await ds9.post(`/api/registrations/${b.id}/cancel`, { reason: 'Группа на карантине' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellationReason: 'Группа на карантине' });
      let list = await registrationsOf(event.id);
      expect(list.items.map((r: any) => [r.groupName, r.status, r.waitlistPosition ?? null])).toEqual([
        ['A', 'confirmed', null],
        ['B', 'cancelled', null],
        ['C', 'waitlisted', 1],
        ['D', 'confirmed', null],
        ['E', 'waitlisted', 2],
      ]);

      // A shrinks from 6 to 3: 5 free, so C gets in first; E waits, now first in line.
      expect((await ds5.patch(`/api/registrations/${a.id}`, { children: 3 })).body.children).toBe(3);
      list = await registrationsOf(event.id);
      expect(list.items.map((r: any) => [r.groupName, r.status, r.waitlistPosition ?? null])).toEqual([
        ['A', 'confirmed', null],
        ['B', 'cancelled', null],
        ['C', 'confirmed', null],
        ['D', 'confirmed', null],
        ['E', 'waitlisted', 1],
      ]);
      expect(list.availability).toMatchObject({ confirmedChildren: 10, freeSeats: 0 });

      await eventually(async () => (await published(event.id)).length === 11);
      const events = await published(event.id);
      expect(events.slice(5).map((x) => [x.type, x.group, x.data.changed ?? null])).toEqual([
        ['registration.cancelled', 'B', null],
        ['registration.promoted', 'D', null],
        ['registration.changed', 'E', ['waitlistPosition']],
        ['registration.changed', 'A', ['children']],
        ['registration.promoted', 'C', null],
        ['registration.changed', 'E', ['waitlistPosition']],
      ]);
      const promoted = events.find((x) => x.type === 'registration.promoted' && x.group === 'C')!;
      expect(promoted.data.registration).toMatchObject({ status: 'confirmed', children: 5 });
      expect(promoted.data.registration.waitlistPosition).toBeUndefined();
    });

    it('lets a confirmed group grow only into free places (409 names them) and always shrink', async () => {
      const event = await openEvent({ capacity: { seats: 12 } });
      const a = (await ds5.post(`/api/events/${event.id}/registrations`, group('Солнышко', 8))).body;
      await ds9.post(`/api/events/${event.id}/registrations`, group('Звёздочка', 2));
      const grow = await ds5.patch(`/api/registrations/${a.id}`, { children: 11 });
      expect(grow.status).toBe(409);
      expect(grow.body).toMatchObject({ code: 'not_enough_places', freeSeats: 2 });
      expect(grow.body.detail).toBe('Свободных мест: 2. Увеличить группу на 3 нельзя.');
      const ok = await ds5.patch(`/api/registrations/${a.id}`, { children: 10, notes: 'Двое детей с ОВЗ', contactEmail: 'new@ds5.test' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ children: 10, notes: 'Двое детей с ОВЗ', contactEmail: 'new@ds5.test', version: 2 });
      expect((await ds5.patch(`/api/registrations/${a.id}`, { children: 13 })).status).toBe(400); // more than the whole event
      expect((await ds5.patch(`/api/registrations/${a.id}`, { children: 1 })).body.children).toBe(1);
      expect((await registrationsOf(event.id)).availability).toMatchObject({ confirmedChildren: 3, freeSeats: 9 });
      await eventually(async () => (await published(event.id)).filter((e) => e.type === 'registration.changed').length === 2);
      const changed = (await published(event.id)).filter((e) => e.type === 'registration.changed').map((e) => e.data.changed);
      expect(changed).toEqual([['children', 'contactEmail', 'notes'], ['children']]);
    });

    it('counts groups when the event limits groups, and applies a per-organisation limit set by the host', async () => {
      const event = await openEvent({ capacity: { groups: 2 } });
      expect((await head3.put(`/api/events/${event.id}/registration-settings`, { maxGroupsPerOrganization: 1 })).body).toMatchObject({
        maxGroupsPerOrganization: 1,
        capacity: { groups: 2 },
      });
      expect((await ds5.put(`/api/events/${event.id}/registration-settings`, { maxGroupsPerOrganization: 5 })).status).toBe(403);
      expect((await ds5.post(`/api/events/${event.id}/registrations`, group('Солнышко', 25))).body.status).toBe('confirmed');
      const second = await ds5.post(`/api/events/${event.id}/registrations`, group('Капелька', 3));
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: 'organization_limit_reached', maxGroupsPerOrganization: 1 });
      expect((await coordinator.put(`/api/events/${event.id}/registration-settings`, { maxGroupsPerOrganization: null })).status).toBe(200);
      expect((await ds5.post(`/api/events/${event.id}/registrations`, group('Капелька', 3))).body.status).toBe('confirmed');
      expect((await ds9.post(`/api/events/${event.id}/registrations`, group('Звёздочка', 1))).body).toMatchObject({
        status: 'waitlisted',
        waitlistPosition: 1,
      });
      expect((await registrationsOf(event.id)).availability).toMatchObject({ confirmedGroups: 2, freeGroups: 0, confirmedChildren: 28 });
    });
  });

  describe('where a registration lives', () => {
    it('carries its event in its id: one reference per organisation and event, a made-up id is a 404', async () => {
      const event = await openEvent();
      const made = [];
      for (const [api, name] of [
        [ds5, 'Группа «Ромашка»'],
        [ds5, 'Группа «Солнышко»'],
        [ds9, 'Группа «Звёздочка»'],
      ] as const) {
        const res = await api.post(`/api/events/${event.id}/registrations`, group(name, 2));
        expect(res.status).toBe(201);
        made.push(res.body);
      }
      for (const r of made) expect(r.id).toMatch(new RegExp(`^${event.id}_[0-9a-f]{24}$`));
      // Two organisations, two references: the second group of д/с № 5 needed none.
      const refs = await stack.registrations.runtime.mongo.collection('registration_refs').find({ eventId: event.id }).toArray();
      expect(refs.map((r) => [r._id, r.organizationId]).sort()).toEqual([
        [`${event.id}:ds-5`, 'ds-5'],
        [`${event.id}:ds-9`, 'ds-9'],
      ]);
      // Found by id, and by organisation.
      expect((await ds5.get(`/api/registrations/${made[1].id}`)).body.groupName).toBe('Группа «Солнышко»');
      const mine = (await ds5.get('/api/registrations?limit=200')).body.items.filter((r: { eventId: string }) => r.eventId === event.id);
      expect(mine.map((r: { groupName: string }) => r.groupName).sort()).toEqual(['Группа «Ромашка»', 'Группа «Солнышко»']);
      // An id that names this event but no registration of it, or an event that does not exist: 404, nothing changes.
      for (const id of [`${event.id}_${'0'.repeat(24)}`, `nosuchevent_${'0'.repeat(24)}`]) {
        const got = await coordinator.get(`/api/registrations/${id}`);
        expect([got.status, got.body.detail]).toEqual([404, 'Регистрация не найдена']);
        expect((await ds5.patch(`/api/registrations/${id}`, { children: 3 })).status).toBe(404);
        expect((await ds5.post(`/api/registrations/${id}/cancel`, {})).status).toBe(404);
      }
      expect((await registrationsOf(event.id)).items).toHaveLength(3);
    });
  });

  describe('capacity', () => {
    it('refuses to lower capacity below what is confirmed; a raise promotes at once; an unknown event answers zeros', async () => {
      const event = await openEvent({ capacity: { seats: 10 } });
      await ds5.post(`/api/events/${event.id}/registrations`, group('Солнышко', 8));
      await ds9.post(`/api/events/${event.id}/registrations`, group('Звёздочка', 5));
      const rpc = stack.gateway.runtime.bus.rpc;
      const actor = { userId: 'head-3', role: 'centre_head' as const, organizationId: 'sosh-3' };
      await expect(rpc.request(capacityRpcs.apply, { actor, eventId: event.id, capacity: { seats: 7 } })).rejects.toMatchObject({
        status: 409,
        message: 'Нельзя уменьшить вместимость до 7 мест: подтверждено детей — 8',
      });
      expect((await registrationsOf(event.id)).availability.capacity).toEqual({ seats: 10 });
      expect(await rpc.request(capacityRpcs.apply, { actor, eventId: event.id, capacity: { seats: 8 } })).toEqual({ confirmedChildren: 8, confirmedGroups: 1 });
      expect(await rpc.request(capacityRpcs.apply, { actor, eventId: event.id, capacity: { seats: 13 } })).toEqual({
        confirmedChildren: 13,
        confirmedGroups: 2,
      });
      expect((await registrationsOf(event.id)).items.map((r: any) => r.status)).toEqual(['confirmed', 'confirmed']);
      expect(await rpc.request(capacityRpcs.apply, { actor, eventId: 'no-such-event', capacity: { seats: 5 } })).toEqual({
        confirmedChildren: 0,
        confirmedGroups: 0,
      });
    });

    it('takes a raised capacity from event.updated and promotes the waitlist', async () => {
      const event = await openEvent({ capacity: { seats: 5 } });
      await ds5.post(`/api/events/${event.id}/registrations`, group('Солнышко', 5));
      expect((await ds9.post(`/api/events/${event.id}/registrations`, group('Звёздочка', 4))).body.status).toBe('waitlisted');
      const updated = await feed.updated(event, { capacity: { seats: 9 } });
      await known(updated);
      await eventually(async () => (await registrationsOf(event.id)).items[1].status === 'confirmed');
      expect((await registrationsOf(event.id)).availability).toMatchObject({ capacity: { seats: 9 }, freeSeats: 0, waitlistedGroups: 0 });
    });
  });

  describe('the event changes', () => {
    it('cancels every registration with the event’s reason when the event is cancelled, once, whatever is redelivered', async () => {
      const event = await openEvent({ capacity: { seats: 5 } });
      const a = (await ds5.post(`/api/events/${event.id}/registrations`, group('Солнышко', 5))).body;
      const b = (await ds9.post(`/api/events/${event.id}/registrations`, group('Звёздочка', 2))).body;
      const c = (await ds9.post(`/api/events/${event.id}/registrations`, group('Капелька', 1))).body;
      await ds9.post(`/api/registrations/${c.id}/cancel`);
      const cancelled = await feed.cancelled(event, 'Карантин по гриппу в школе');
      await eventually(async () => (await registrationsOf(event.id)).items.every((r: any) => r.status === 'cancelled'));
      const list = await registrationsOf(event.id);
      expect(list.items.map((r: any) => [r.id, r.cancellationReason ?? null])).toEqual([
        [a.id, 'Карантин по гриппу в школе'],
        [b.id, 'Карантин по гриппу в школе'],
        [c.id, null],
      ]);
      expect(list.availability).toMatchObject({ status: 'cancelled', open: false, confirmedChildren: 0 });

      // The same snapshot again, and an older one arriving late: nothing changes, nothing is announced twice.
      await feed.send(calendarEvents.cancelled, cancelled);
      await feed.send(calendarEvents.approved, event);
      const cancelledOf = async () => (await published(event.id)).filter((e) => e.type === 'registration.cancelled');
      await eventually(async () => (await cancelledOf()).length >= 3);
      await new Promise((r) => setTimeout(r, 500));
      expect((await registrationsOf(event.id)).availability.status).toBe('cancelled');
      const cancellations = await cancelledOf();
      expect(cancellations.map((e) => [e.group, e.data.registration.cancellationReason ?? null])).toEqual([
        ['Капелька', null],
        ['Солнышко', 'Карантин по гриппу в школе'],
        ['Звёздочка', 'Карантин по гриппу в школе'],
      ]);
      const late = await ds5.post(`/api/events/${event.id}/registrations`, group('Ромашка', 1));
      expect(late.status).toBe(409);
      expect(late.body.detail).toBe('Мероприятие отменено: запись закрыта');
    });

    it('keeps registrations when the event is rescheduled (the default deadline follows) or at risk', async () => {
      const event = await openEvent({ capacity: { seats: 10 } });
      const a = (await ds5.post(`/api/events/${event.id}/registrations`, group('Солнышко', 5))).body;
      const moved = await feed.rescheduled(event, '2023-04-27T07:00:00.000Z', '2023-04-27T08:30:00.000Z');
      await known(moved);
      let list = await registrationsOf(event.id);
      expect(list.items).toEqual([expect.objectContaining({ id: a.id, status: 'confirmed', version: 1 })]);
      expect(list.availability).toMatchObject({ registrationDeadline: '2023-04-26T07:00:00.000Z', event: { start: '2023-04-27T07:00:00.000Z', sequence: 1 } });

      const risky = await feed.atRisk(moved, 'Соглашение с д/с № 5 расторгнуто');
      await known(risky);
      list = await registrationsOf(event.id);
      expect(list.items).toEqual([expect.objectContaining({ id: a.id, status: 'confirmed', version: 1 })]);
      expect((await ds9.post(`/api/events/${event.id}/registrations`, group('Звёздочка', 2))).body.status).toBe('confirmed');
    });
  });

  describe('bad input: 4xx in Russian, nothing stored', () => {
    it('refuses each case with its reason', async () => {
      const event = await openEvent({ capacity: { seats: 10 }, registrationDeadline: '2023-04-15T12:00:00.000Z' });
      const proposed = CalendarFeed.event({ status: 'proposed', version: 1 });
      await feed.send(calendarEvents.proposed, proposed);
      const noCapacity = await openEvent({ capacity: undefined, kind: 'exhibition' });
      const past = await openEvent({ start: '2023-04-05T07:00:00.000Z', end: '2023-04-05T08:00:00.000Z' });
      await eventually(async () => (await coordinator.get(`/api/events/${proposed.id}/registrations`)).status === 200);

      const post = (api: Api, id: string, body: unknown) => api.post(`/api/events/${id}/registrations`, body);
      const cases: [Promise<any>, number, string][] = [
        [post(ds5, event.id, group('Ноль', 0)), 400, 'Число детей должно быть положительным'],
        [post(ds5, event.id, group('Минус', -2)), 400, 'Число детей должно быть положительным'],
        [post(ds5, event.id, group('Полтора', 1.5)), 400, 'Число детей должно быть целым'],
        [post(ds5, event.id, group('Много', 11)), 400, 'Детей в группе (11) больше, чем мест на всём мероприятии (10)'],
        [post(ds5, event.id, { ...group('Без взрослых', 3), adults: [] }), 400, 'Укажите хотя бы одного сопровождающего'],
        [post(ds5, event.id, { ...group('Лишнее', 3), status: 'confirmed' }), 400, ''],
        [post(ds12, event.id, group('Чужие', 3)), 403, 'Ваша организация не является организатором или приглашённым партнёром этого мероприятия'],
        [post(coordinator, event.id, group('Методисты', 3)), 403, 'Недостаточно прав для этого действия'],
        [post(ds5, 'unknown-event', group('Никуда', 3)), 404, 'Мероприятие не найдено'],
        // A proposal is seen only by the host's users (and the coordinator): for the invited partner it does not exist yet.
        [post(ds5, proposed.id, group('Рано', 3)), 404, 'Мероприятие не найдено'],
        [post(staff3, proposed.id, group('Рано', 3)), 409, 'Мероприятие ещё не согласовано: запись откроется после согласования'],
        [post(ds5, noCapacity.id, group('Выставка', 3)), 409, 'На это мероприятие запись групп не ведётся: не указана вместимость'],
        [post(ds5, past.id, group('Поздно', 3)), 409, 'Мероприятие уже началось или прошло: запись закрыта'],
      ];
      for (const [request, status, detail] of cases) {
        const res = await request;
        expect([res.status, res.headers.get('content-type')]).toEqual([status, expect.stringContaining('application/problem+json')]);
        if (status === 400 && res.body.errors) expect(res.body.errors.map((e: any) => e.message).join(' | ')).toContain(detail);
        else expect(res.body.detail).toBe(detail);
      }

      clock.set('2023-04-15T12:00:00Z'); // the deadline the calendar set: 15 April, 15:00 in Moscow
      const late = await post(ds5, event.id, group('Опоздали', 3));
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'registration_closed', detail: 'Запись закрыта: приём заявок завершился 15 апреля 2023, 15:00 (МСК)' });

      for (const id of [event.id, proposed.id, noCapacity.id, past.id]) expect((await registrationsOf(id)).items).toEqual([]);
      expect(await published(event.id)).toEqual([]);
    });

    it('refuses the same group of one organisation twice (another organisation may use the name; a cancelled one frees it)', async () => {
      const event = await openEvent();
      const first = (await ds5.post(`/api/events/${event.id}/registrations`, group('Солнышко', 3))).body;
      const again = await ds5staff.post(`/api/events/${event.id}/registrations`, group('  солнышко ', 2));
      expect(again.status).toBe(409);
      expect(again.body.detail).toBe('Группа «солнышко» вашей организации уже записана на это мероприятие');
      expect((await ds9.post(`/api/events/${event.id}/registrations`, group('Солнышко', 2))).status).toBe(201);
      await ds5.post(`/api/registrations/${first.id}/cancel`);
      expect((await ds5.post(`/api/events/${event.id}/registrations`, group('Солнышко', 3))).status).toBe(201);
    });
  });

  describe('idempotency', () => {
    it('answers a retried POST with the same Idempotency-Key with the same registration and creates nothing', async () => {
      const event = await openEvent({ capacity: { seats: 3 } });
      const key = { 'Idempotency-Key': 'c0ffee00-1111-4222-8333-444455556666' };
      const first = await ds5.post(`/api/events/${event.id}/registrations`, group('Солнышко', 2), key);
      const retry = await ds5staff.post(`/api/events/${event.id}/registrations`, group('Солнышко', 2), key);
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(retry.body).toEqual(first.body);

      const reused = await ds5.post(`/api/events/${event.id}/registrations`, group('Капелька', 1), key);
      expect(reused.status).toBe(422);
      expect(reused.body.code).toBe('idempotency_key_reused');
      // Another organisation's keys are its own.
      expect((await ds9.post(`/api/events/${event.id}/registrations`, group('Звёздочка', 1), key)).status).toBe(201);
      const badKey = await ds5.post(`/api/events/${event.id}/registrations`, group('Ромашка', 1), { 'Idempotency-Key': 'a key with spaces' });
      expect(badKey.status).toBe(400);
      expect(badKey.body.errors).toEqual([
        { path: 'header.Idempotency-Key', message: 'Ключ Idempotency-Key: от 1 до 200 печатных латинских символов без пробелов' },
      ]);

      // The same retry after the places ran out still returns the confirmed registration.
      expect((await ds5.post(`/api/events/${event.id}/registrations`, group('Солнышко', 2), key)).body).toMatchObject({
        id: first.body.id,
        status: 'confirmed',
      });
      expect((await registrationsOf(event.id)).items.map((r: any) => r.groupName)).toEqual(['Солнышко', 'Звёздочка']);
      await eventually(async () => (await published(event.id)).length === 2);
      await new Promise((r) => setTimeout(r, 300));
      expect((await published(event.id)).map((e) => e.group)).toEqual(['Солнышко', 'Звёздочка']);
    });

    it('answers a retried NATS command with the same key the same way, concurrent retries included', async () => {
      const event = await openEvent({ capacity: { seats: 30 } });
      const rpc = stack.gateway.runtime.bus.rpc;
      const command = {
        actor: { userId: 'ds5-user', role: 'kindergarten' as const, organizationId: 'ds-5' },
        eventId: event.id,
        registration: group('Солнышко', 12),
        idempotencyKey: 'nats-retry-1',
      };
      const answers = await Promise.all([1, 2, 3].map(() => rpc.request(registrationRpcs.create, command)));
      expect(new Set(answers.map((a) => a.registration.id)).size).toBe(1);
      expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
      const later = await rpc.request(registrationRpcs.create, command);
      expect(later).toEqual({ registration: answers[0].registration, replayed: true });
      expect((await registrationsOf(event.id)).items).toHaveLength(1);
    });
  });

  describe('who may see and do what', () => {
    it('shows all registrations to the host’s head and the coordinator, and only their own to everyone else', async () => {
      const event = await openEvent({ host: { organizationId: 'sosh-3', organizationName: 'МБОУ СОШ № 3' } });
      const mine = (await ds5.post(`/api/events/${event.id}/registrations`, group('Солнышко', 3))).body;
      const theirs = (await ds9.post(`/api/events/${event.id}/registrations`, group('Звёздочка', 4, { contactEmail: 'secret@ds9.test' }))).body;
      const hosts = (await staff3.post(`/api/events/${event.id}/registrations`, group('5 «А» класс', 5))).body;
      expect(hosts.organizationName).toBe('МБОУ СОШ № 3'); // the host registers its own pupils too

      for (const api of [head3, coordinator]) {
        const all = (await api.get(`/api/events/${event.id}/registrations`)).body;
        expect([all.scope, all.items.map((r: any) => r.id)]).toEqual(['all', [mine.id, theirs.id, hosts.id]]);
      }
      const own = (await ds5.get(`/api/events/${event.id}/registrations`)).body;
      expect([own.scope, own.items.map((r: any) => r.id)]).toEqual(['own', [mine.id]]);
      expect(own.availability).toMatchObject({ confirmedChildren: 12, confirmedGroups: 3 });
      expect(JSON.stringify(own)).not.toContain('secret@ds9.test');
      expect((await staff3.get(`/api/events/${event.id}/registrations`)).body.items.map((r: any) => r.id)).toEqual([hosts.id]);
      expect((await head5.get(`/api/events/${event.id}/registrations`)).body.items).toEqual([]);

      expect((await ds5.get(`/api/registrations/${theirs.id}`)).status).toBe(404);
      expect((await ds5.patch(`/api/registrations/${theirs.id}`, { children: 1 })).status).toBe(404);
      expect((await ds5.post(`/api/registrations/${theirs.id}/cancel`)).status).toBe(404);
      expect((await ds5staff.get(`/api/registrations/${mine.id}`)).body.id).toBe(mine.id);
      expect((await head3.get(`/api/registrations/${theirs.id}`)).body.contactEmail).toBe('secret@ds9.test');
      expect((await head5.get(`/api/registrations/${theirs.id}`)).status).toBe(404);

      // The host's head may cancel a group but not change it; the coordinator may do both.
      expect((await head3.patch(`/api/registrations/${theirs.id}`, { children: 1 })).status).toBe(403);
      expect((await coordinator.patch(`/api/registrations/${theirs.id}`, { children: 2 })).body.children).toBe(2);
      expect((await head3.post(`/api/registrations/${theirs.id}/cancel`, { reason: 'Группа не подтвердила участие' })).body.status).toBe('cancelled');

      const page = (await ds5.get('/api/registrations')).body;
      expect(page.items.every((r: any) => r.organizationId === 'ds-5')).toBe(true);
      expect(page.items.map((r: any) => r.id)).toContain(mine.id);
      expect(page.items.find((r: any) => r.id === mine.id).event.id).toBe(event.id);
      expect((await ds9.get('/api/registrations?organizationId=ds-5')).status).toBe(403);
      const viaCoordinator = (await coordinator.get('/api/registrations?organizationId=ds-5&status=confirmed&limit=200')).body;
      expect(viaCoordinator.items.map((r: any) => r.id)).toContain(mine.id);
      expect(viaCoordinator.total).toBe(page.items.filter((r: any) => r.status === 'confirmed').length);
      expect((await new Api(stack.gateway.url).get('/api/registrations')).status).toBe(401);
    });
  });

  describe('attendance', () => {
    it('is recorded by the host after the event, per confirmed registration, and feeds the report', async () => {
      const event = await openEvent({ capacity: { seats: 10 } });
      const a = (await ds5.post(`/api/events/${event.id}/registrations`, group('Солнышко', 6))).body;
      const b = (await ds9.post(`/api/events/${event.id}/registrations`, group('Звёздочка', 4))).body;
      const w = (await ds9.post(`/api/events/${event.id}/registrations`, group('Капелька', 2))).body;
      const records = [
        { registrationId: a.id, attended: true, actualChildren: 5 },
        { registrationId: b.id, attended: false, actualChildren: 0 },
      ];
      const early = await head3.post(`/api/events/${event.id}/attendance`, { records });
      expect(early.status).toBe(409);
      expect(early.body.detail).toBe('Посещаемость отмечается после окончания мероприятия (17 апреля 2023, 15:30 (МСК))');

      clock.set(new Date(Date.parse(event.end) + HOUR));
      expect((await ds5.post(`/api/events/${event.id}/attendance`, { records })).status).toBe(403);
      expect((await head5.post(`/api/events/${event.id}/attendance`, { records })).status).toBe(403);
      const bad = await head3.post(`/api/events/${event.id}/attendance`, {
        records: [
          { registrationId: w.id, attended: true, actualChildren: 2 },
          { registrationId: b.id, attended: false, actualChildren: 3 },
        ],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: any) => e.path)).toEqual(['records.0.registrationId', 'records.1.actualChildren']);

      const done = await head3.post(`/api/events/${event.id}/attendance`, { records });
      expect(done.status).toBe(200);
      expect(done.body.totals).toEqual({ confirmedGroups: 2, confirmedChildren: 10, recordedGroups: 2, attendedGroups: 1, noShowGroups: 1, actualChildren: 5 });
      expect(done.body.items.find((r: any) => r.id === a.id).attendance).toEqual({ attended: true, actualChildren: 5, recordedAt: clock.now().toISOString() });
      // A correction replaces the record; repeating it changes nothing.
      const fix = [{ registrationId: a.id, attended: true, actualChildren: 6 }];
      expect((await coordinator.post(`/api/events/${event.id}/attendance`, { records: fix })).body.totals.actualChildren).toBe(6);
      expect((await coordinator.post(`/api/events/${event.id}/attendance`, { records: fix })).status).toBe(200);
      await eventually(async () => (await published(event.id)).filter((e) => e.type === 'registration.attendance_recorded').length === 3);
      await new Promise((r) => setTimeout(r, 300));
      expect(
        (await published(event.id))
          .filter((e) => e.type === 'registration.attendance_recorded')
          .map((e) => [e.group, e.data.registration.attendance.actualChildren]),
      ).toEqual([
        ['Солнышко', 5],
        ['Звёздочка', 0],
        ['Солнышко', 6],
      ]);
      // After the start nobody registers, changes or cancels.
      expect((await ds5.post(`/api/registrations/${a.id}/cancel`)).status).toBe(409);
      expect((await ds5.patch(`/api/registrations/${a.id}`, { children: 2 })).status).toBe(409);
    });
  });
});
