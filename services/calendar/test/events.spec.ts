import { startCalendar } from '@tochka/calendar';
import { calendarRpcs } from '@tochka/contracts';
import { RunningService } from '@tochka/runtime';
import { BusProbe, consumed, createTestEnv, District, indexProblems, ManualClock, setUpDistrict, TestEnv, tournament, userApi } from '@tochka/testing';
import { MonthBucketsBackfill } from '../src/events/month-buckets';
import { CalendarStack, startCalendarStack } from './fixture';

describe('calendar events through the gateway', () => {
  let env: TestEnv;
  let clock: ManualClock;
  let stack: CalendarStack;
  let probe: BusProbe;
  let d: District;
  let slot = 0;

  /** A fresh day in November–December 2022 for each test, so tests do not meet in rooms. */
  const day = () => {
    const date = new Date(Date.UTC(2022, 10, 3 + slot++));
    return (h: number, m = 0) => new Date(date.getTime() + (h - 3) * 3600_000 + m * 60_000).toISOString();
  };

  const typesFor = async (id: string) => (await probe.events('calendar')).filter((e) => (e.envelope.data as any).event?.id === id).map((e) => e.envelope.type);

  const proposed = async (body: Record<string, unknown>, api = d.head5) => {
    const res = await api.post('/api/events', body);
    expect(res.status).toBe(201);
    return res.body.event;
  };

  const approved = async (body: Record<string, unknown>, api = d.head5) => {
    const event = await proposed(body, api);
    const res = await d.coordinator.post(`/api/events/${event.id}/approve`, {});
    expect(res.status).toBe(200);
    return res.body.event;
  };

  beforeAll(async () => {
    env = createTestEnv();
    clock = new ManualClock('2022-11-01T09:00:00Z');
    stack = await startCalendarStack(env, clock);
    probe = await BusProbe.connect(env);
    d = await setUpDistrict(stack);
  });

  afterAll(async () => {
    await stack?.close();
    await probe?.close();
    await env?.cleanup();
  });

  describe('proposal and approval', () => {
    it('a centre head proposes for its centre; the coordinator approves with a comment; each step is on the bus', async () => {
      const at = day();
      const res = await d.head5.post('/api/events', tournament(d.agreements.s5s9, { start: at(10), end: at(13), capacity: { seats: 16, groups: 2 } }));
      expect(res.status).toBe(201);
      expect(res.body.warnings).toEqual([]);
      const event = res.body.event;
      expect(event).toMatchObject({
        status: 'proposed',
        host: { organizationId: 'sosh-5', organizationName: 'МБОУ СОШ № 5' },
        venue: { roomKey: 'chess-zone', roomName: 'Шахматная зона', roomCapacity: 16, address: 'ст. Старощербиновская, ул. Первомайская, 1' },
        partners: [{ organizationId: 'sosh-9', organizationName: 'МБОУ СОШ № 9' }],
        agreementId: d.agreements.s5s9,
        // No contact given: the host's head; no deadline given: 24 hours before the start.
        contact: { name: 'Руководитель МБОУ СОШ № 5', email: 'sosh-5@shcherbinovsky.test' },
        registrationDeadline: new Date(Date.parse(at(10)) - 24 * 3600_000).toISOString(),
        proposedBy: { organizationId: 'sosh-5' },
        sequence: 0,
        version: 1,
      });

      const approval = await d.coordinator.post(`/api/events/${event.id}/approve`, { comment: 'Включено в план-график' });
      expect(approval.status).toBe(200);
      expect(approval.body.event).toMatchObject({ id: event.id, status: 'approved', approvalComment: 'Включено в план-график', sequence: 1, version: 2 });
      expect(await typesFor(event.id)).toEqual(['event.proposed', 'event.approved']);
      expect((await d.staff5.get(`/api/events/${event.id}`)).body.status).toBe('approved');
    });

    it('the coordinator proposes for any host; an event without partners needs no agreement', async () => {
      const at = day();
      const res = await d.coordinator.post('/api/events', {
        hostId: 'mk-moshr',
        title: 'Семинар руководителей центров',
        kind: 'seminar',
        direction: 'project_work',
        venue: 'assembly-hall',
        start: at(14),
        end: at(16),
        audience: ['teachers'],
        contact: { name: 'Бондаренко И.В.', phone: '+7 861 000-00-00' },
      });
      expect(res.status).toBe(201);
      expect(res.body.event).toMatchObject({ host: { organizationId: 'mk-moshr' }, partners: [], contact: { name: 'Бондаренко И.В.' } });
      expect(res.body.event.agreementId).toBeUndefined();
      expect(res.body.event.registrationDeadline).toBeUndefined();
    });

    it('only centre heads (for their own centre) and the coordinator propose; only the coordinator approves or rejects', async () => {
      const at = day();
      const body = tournament(d.agreements.s5s9, { start: at(10), end: at(12) });
      for (const api of [d.staff5, d.ds9]) expect((await api.post('/api/events', body)).status).toBe(403);
      const foreign = await d.head9.post('/api/events', body);
      expect(foreign.status).toBe(403);
      expect(foreign.body.detail).toBe('Руководитель центра предлагает мероприятия только своей организации');

      const event = await proposed(body);
      for (const [action, body] of [
        ['approve', {}],
        ['reject', { reason: 'Сам себе' }],
      ] as const) {
        const res = await d.head5.post(`/api/events/${event.id}/${action}`, body);
        expect(res.status).toBe(403);
        expect(res.body.detail).toMatch(/может только координатор/);
      }
      expect((await d.coordinator.get(`/api/events/${event.id}`)).body.status).toBe('proposed');
    });

    it('a proposal is seen only by its host and the coordinator', async () => {
      const at = day();
      const event = await proposed(tournament(d.agreements.s5s9, { start: at(10), end: at(12), title: 'Черновой турнир' }));
      expect((await d.staff5.get(`/api/events/${event.id}`)).status).toBe(200);
      expect((await d.coordinator.get(`/api/events/${event.id}`)).status).toBe(200);
      const partner = await d.head9.get(`/api/events/${event.id}`);
      expect(partner.status).toBe(404);
      expect(partner.body.detail).toBe('Мероприятие не найдено');
      const list = await d.head9.get(`/api/events?org=sosh-9&from=${at(0)}&to=${at(23)}`);
      expect(list.body.items.map((e: any) => e.id)).not.toContain(event.id);
      expect((await d.head9.post(`/api/events/${event.id}/cancel`, { reason: 'x' })).status).toBe(404);
    });

    it('the coordinator rejects with a reason; a rejected event cannot be approved', async () => {
      const at = day();
      const event = await proposed(tournament(d.agreements.s5s9, { start: at(10), end: at(12) }));
      expect((await d.coordinator.post(`/api/events/${event.id}/reject`, {})).status).toBe(400);
      const rejected = await d.coordinator.post(`/api/events/${event.id}/reject`, { reason: 'Совпадает с олимпиадой' });
      expect(rejected.body.event).toMatchObject({ status: 'rejected', rejectionReason: 'Совпадает с олимпиадой' });
      const again = await d.coordinator.post(`/api/events/${event.id}/approve`, {});
      expect(again.status).toBe(409);
      expect(again.body.detail).toBe('Нельзя согласовать мероприятие: мероприятие в статусе «отклонено»');
      expect(await typesFor(event.id)).toEqual(['event.proposed', 'event.rejected']);
    });
  });

  describe('bad input', () => {
    it('is refused in Russian, naming the problem, and nothing is stored or published', async () => {
      const at = day();
      const ok = tournament(d.agreements.s5s9, { start: at(10), end: at(12) });
      const before = (await d.coordinator.get('/api/events?limit=1')).body.total;
      const eventsBefore = (await probe.events('calendar')).length;
      const cases: [Record<string, unknown>, string, string][] = [
        [{ end: at(10) }, 'end', 'Окончание мероприятия должно быть позже его начала'],
        [{ end: at(9) }, 'end', 'Окончание мероприятия должно быть позже его начала'],
        [{ capacity: { seats: 0 } }, 'capacity.seats', 'Вместимость должна быть положительной'],
        [{ capacity: { groups: -1 } }, 'capacity.groups', 'Число групп должно быть положительным'],
        [{ registrationDeadline: at(11) }, 'registrationDeadline', 'Срок записи не может быть позже начала мероприятия'],
        [{ venue: 'gym' }, 'venue', 'У организации «МБОУ СОШ № 5» нет помещения с кодом «gym»'],
        [{ partners: ['sosh-3'] }, 'partners.0', '«МБОУ СОШ № 3» не является стороной соглашения № СВ-2022/03'],
        [{ partners: [], agreementId: d.agreements.s3ds5 }, 'hostId', 'Организатор «МБОУ СОШ № 5» не является стороной соглашения № СВ-2022/02'],
        [{ start: '2023-06-05T07:00:00.000Z', end: '2023-06-05T09:00:00.000Z' }, 'agreementId', 'Соглашение № СВ-2022/03 не действует 5 июня 2023'],
        [{ agreementId: undefined }, 'agreementId', 'Для мероприятия с партнёрами укажите соглашение о сетевом взаимодействии'],
        [{ start: '2022-10-20T07:00:00.000Z', end: '2022-10-20T09:00:00.000Z' }, 'start', 'Начало мероприятия уже прошло: запланировать его нельзя'],
        [{ partners: ['sosh-5'] }, 'partners', 'Организатор не может быть приглашён партнёром на своё мероприятие'],
        [{ kind: 'party' }, 'kind', expect.any(String) as never],
      ];
      for (const [change, path, message] of cases) {
        const res = await d.head5.post('/api/events', { ...ok, ...change });
        expect({ change, status: res.status }).toEqual({ change, status: 400 });
        expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(res.body.errors).toContainEqual({ path, message });
      }
      const unknown = await d.head5.post('/api/events', { ...ok, partners: ['sosh-99'] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([{ path: 'partners.0', message: 'Организация «sosh-99» не найдена' }]);
      expect((await d.coordinator.get('/api/events?limit=1')).body.total).toBe(before);
      expect((await probe.events('calendar')).length).toBe(eventsBefore);
    });
  });

  describe('rooms and partners', () => {
    it('a room holds one approved event at a time (409 naming the other); a busy partner is only a warning', async () => {
      const at = day();
      const first = await approved(tournament(d.agreements.s5s9, { start: at(10), end: at(13), title: 'Турнир «Белая ладья» — осень' }));
      const overlapping = await proposed(tournament(d.agreements.s5s9, { start: at(12), end: at(14), title: 'Сеанс одновременной игры' }));
      const conflict = await d.coordinator.post(`/api/events/${overlapping.id}/approve`, {});
      expect(conflict.status).toBe(409);
      expect(conflict.body.code).toBe('venue_busy');
      expect(conflict.body.detail).toBe(`Помещение «Шахматная зона» занято в это время: «Турнир «Белая ладья» — осень» (${formatWhen(at(10), at(13))})`);
      expect(conflict.body.eventId).toBe(first.id);
      expect((await d.coordinator.get(`/api/events/${overlapping.id}`)).body.status).toBe('proposed');

      // Back to back is not an overlap.
      const after = await approved(tournament(d.agreements.s5s9, { start: at(13), end: at(14), title: 'Разбор партий' }));
      expect(after.status).toBe('approved');

      // Another room at the same time: fine, but СОШ № 9 is already busy in the first event.
      const elsewhere = await d.head5.post(
        '/api/events',
        tournament(d.agreements.s5s9, { venue: 'project-room', start: at(11), end: at(12), title: 'Мастер-класс по шашкам' }),
      );
      expect(elsewhere.status).toBe(201);
      expect(elsewhere.body.warnings).toEqual([
        `Организация «МБОУ СОШ № 9» в это время участвует в мероприятии «Турнир «Белая ладья» — осень» (${formatWhen(at(10), at(13))})`,
      ]);
      const approval = await d.coordinator.post(`/api/events/${elsewhere.body.event.id}/approve`, {});
      expect(approval.status).toBe(200);
      expect(approval.body.warnings).toHaveLength(1);
    });

    it('two coordinators approving overlapping events at once on two instances: exactly one wins', async () => {
      const second: RunningService = await startCalendar({ overrides: env.overrides('calendar'), clock });
      try {
        for (let round = 0; round < 3; round++) {
          const at = day();
          const events = await Promise.all(
            [0, 1, 2, 3].map((i) => proposed(tournament(d.agreements.s5s9, { start: at(10, i * 10), end: at(12), title: `Партия ${round}-${i}` }))),
          );
          const answers = await Promise.all(events.map((e) => d.coordinator.post(`/api/events/${e.id}/approve`, {})));
          expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
          const list = await d.coordinator.get(`/api/events?from=${at(0)}&to=${at(23)}&status=approved`);
          expect(list.body.total).toBe(1);
        }
      } finally {
        await second.close();
      }
    });
  });

  describe('concurrent changes of one event', () => {
    it('approving and cancelling at once: the changes apply one after the other, each published once', async () => {
      const second: RunningService = await startCalendar({ overrides: env.overrides('calendar'), clock });
      const rpc = stack.gateway.runtime.bus.rpc;
      const coordinator = { userId: 'c-1', role: 'coordinator' as const, organizationId: 'mk-moshr' };
      const head = { userId: 'h-5', role: 'centre_head' as const, organizationId: 'sosh-5' };
      try {
        for (let round = 0; round < 3; round++) {
          const at = day();
          const event = (await d.head5.post('/api/events', tournament(d.agreements.s5s9, { start: at(10), end: at(12), title: `Гонка ${round}` }))).body.event;
          const answers = await Promise.allSettled([
            ...Array.from({ length: 6 }, () => rpc.request(calendarRpcs.approve, { actor: coordinator, id: event.id })),
            ...Array.from({ length: 3 }, () => rpc.request(calendarRpcs.cancel, { actor: head, id: event.id, reason: 'Передумали' })),
          ]);
          const succeeded = answers.filter((a) => a.status === 'fulfilled').length;
          const final = (await d.coordinator.get(`/api/events/${event.id}`)).body;
          const types = await typesFor(event.id);
          // However the requests interleave: one approval at most, then possibly the cancellation;
          // every success is a version and a published event, nothing more.
          expect({ succeeded, version: final.version, published: types.length - 1 }).toEqual({ succeeded, version: 1 + succeeded, published: succeeded });
          expect(types.filter((t) => t === 'event.approved').length).toBeLessThanOrEqual(1);
          expect(types.filter((t) => t === 'event.cancelled').length).toBeLessThanOrEqual(1);
          expect(types[types.length - 1]).toBe(final.status === 'cancelled' ? 'event.cancelled' : 'event.approved');
        }
      } finally {
        await second.close();
      }
    });
  });

  describe('changes', () => {
    it('rescheduling keeps the event, raises SEQUENCE, moves the default deadline and checks the room', async () => {
      const at = day();
      const event = await approved(tournament(d.agreements.s5s9, { start: at(10), end: at(12), capacity: { seats: 16 } }));
      const blocker = await approved(
        tournament(d.agreements.s5s9, { start: at(15), end: at(17), title: 'Занятие шахматного кружка', partners: [], agreementId: undefined }),
      );

      const busy = await d.head5.post(`/api/events/${event.id}/reschedule`, { start: at(16), end: at(18) });
      expect(busy.status).toBe(409);
      expect(busy.body.detail).toContain('«Занятие шахматного кружка»');

      const moved = await d.head5.post(`/api/events/${event.id}/reschedule`, { start: at(13), end: at(15) });
      expect(moved.status).toBe(200);
      expect(moved.body.event).toMatchObject({
        id: event.id,
        status: 'approved',
        start: at(13),
        end: at(15),
        sequence: event.sequence + 1,
        registrationDeadline: new Date(Date.parse(at(13)) - 24 * 3600_000).toISOString(),
      });
      const rescheduled = (await probe.events('calendar')).find(
        (e) => e.envelope.type === 'event.rescheduled' && (e.envelope.data as any).event.id === event.id,
      )!;
      expect((rescheduled.envelope.data as any).previous).toEqual({ start: at(10), end: at(12) });

      // Its old time is free now.
      const reuse = await approved(tournament(d.agreements.s5s9, { start: at(10), end: at(12), title: 'Новое занятие', partners: [], agreementId: undefined }));
      expect(reuse.status).toBe('approved');
      expect(blocker.status).toBe('approved');

      const bad = await d.head5.post(`/api/events/${event.id}/reschedule`, { start: at(13), end: at(12) });
      expect(bad.status).toBe(400);
      expect((await d.head9.post(`/api/events/${event.id}/reschedule`, { start: at(18), end: at(19) })).status).toBe(403);
    });

    it('updating lists what changed; a capacity change of an approved event goes through registrations (503 when down, nothing written)', async () => {
      const at = day();
      const event = await approved(tournament(d.agreements.s5s9, { start: at(10), end: at(12), capacity: { seats: 16 } }));
      const res = await d.head5.patch(`/api/events/${event.id}`, {
        title: 'Турнир «Белая ладья» (командный)',
        venue: 'project-room',
        description: 'Новое описание',
      });
      expect(res.status).toBe(200);
      expect(res.body.event).toMatchObject({
        title: 'Турнир «Белая ладья» (командный)',
        venue: { roomKey: 'project-room', roomName: 'Проектная комната' },
        sequence: event.sequence + 1,
      });
      const updated = (await probe.events('calendar')).filter((e) => e.envelope.type === 'event.updated' && (e.envelope.data as any).event.id === event.id);
      expect((updated[0].envelope.data as any).changed.sort()).toEqual(['description', 'title', 'venue']);

      const noChange = await d.head5.patch(`/api/events/${event.id}`, { title: 'Турнир «Белая ладья» (командный)' });
      expect(noChange.body.event.version).toBe(res.body.event.version);

      const capacity = await d.head5.patch(`/api/events/${event.id}`, { capacity: { seats: 10 } });
      expect(capacity.status).toBe(503);
      expect(capacity.body.detail).toBe('Сервис «Регистрации» недоступен. Попробуйте позже.');
      expect((await d.head5.get(`/api/events/${event.id}`)).body).toMatchObject({ capacity: { seats: 16 }, version: res.body.event.version });

      // A proposal has no registrations yet: its capacity changes freely.
      const proposal = await proposed(tournament(d.agreements.s5s9, { venue: 'project-room', start: at(15), end: at(16), capacity: { seats: 16 } }));
      const changed = await d.head5.patch(`/api/events/${proposal.id}`, { capacity: { seats: 20, groups: 2 } });
      expect(changed.body.event.capacity).toEqual({ seats: 20, groups: 2 });

      const partnerWithoutParty = await d.head5.patch(`/api/events/${proposal.id}`, { partners: ['sosh-9', 'ds-9'] });
      expect(partnerWithoutParty.status).toBe(400);
      expect(partnerWithoutParty.body.errors).toEqual([{ path: 'partners.1', message: '«МБДОУ ЦРР д/с № 9» не является стороной соглашения № СВ-2022/03' }]);
      expect((await d.head5.patch(`/api/events/${proposal.id}`, {})).status).toBe(400);
      expect((await d.staff5.patch(`/api/events/${proposal.id}`, { title: 'x' })).status).toBe(403);
    });

    it('cancelling keeps the event with its reason and frees the room', async () => {
      const at = day();
      const event = await approved(tournament(d.agreements.s5s9, { start: at(10), end: at(12) }));
      expect((await d.head5.post(`/api/events/${event.id}/cancel`, {})).status).toBe(400);
      expect((await d.staff5.post(`/api/events/${event.id}/cancel`, { reason: 'x' })).status).toBe(403);
      const cancelled = await d.head5.post(`/api/events/${event.id}/cancel`, { reason: 'Карантин по гриппу' });
      expect(cancelled.body.event).toMatchObject({ status: 'cancelled', cancellationReason: 'Карантин по гриппу', cancelledAt: clock.now().toISOString() });
      expect((await d.head5.post(`/api/events/${event.id}/reschedule`, { start: at(13), end: at(14) })).status).toBe(409);
      const instead = await approved(tournament(d.agreements.s5s9, { start: at(10), end: at(12), title: 'Замена' }));
      expect(instead.status).toBe('approved');
      expect(await typesFor(event.id)).toEqual(['event.proposed', 'event.approved', 'event.cancelled']);
    });

    it('a report marks the event held, only after its end, by its host or the coordinator', async () => {
      const at = day();
      const event = await approved(tournament(d.agreements.s5s9, { start: at(10), end: at(12) }));
      const early = await d.head5.post(`/api/events/${event.id}/report`, { participants: 24 });
      expect(early.status).toBe(409);
      expect(early.body.detail).toMatch(/^Отчёт вносится после окончания мероприятия/);
      const saved = clock.now();
      clock.set(at(12, 30));
      try {
        expect((await d.head9.post(`/api/events/${event.id}/report`, { participants: 24 })).status).toBe(403);
        expect((await d.head5.post(`/api/events/${event.id}/report`, { participants: -1 })).status).toBe(400);
        const held = await d.head5.post(`/api/events/${event.id}/report`, { participants: 24, notes: 'Победила команда СОШ № 9' });
        expect(held.status).toBe(200);
        expect(held.body.event).toMatchObject({ status: 'held', report: { participants: 24, notes: 'Победила команда СОШ № 9' } });
        expect((await d.head5.post(`/api/events/${event.id}/report`, { participants: 25 })).status).toBe(409);
        expect(await typesFor(event.id)).toEqual(['event.proposed', 'event.approved', 'event.held']);
      } finally {
        clock.set(saved);
      }
    });
  });

  describe('agreements seen through their events', () => {
    it('an agreement still being signed does not count; once every party signs, it does', async () => {
      const draft = await d.head5.post('/api/agreements', {
        number: 'СВ-2022/21',
        title: 'Соглашение с д/с № 5',
        parties: [
          { organizationId: 'sosh-5', responsible: { name: 'Тымченко О.Ю.' } },
          { organizationId: 'ds-5', responsible: { name: 'Савченко Л.А.' } },
        ],
        directions: ['robotics'],
        validFrom: '2022-11-01',
        validTo: '2023-05-31',
      });
      const id = draft.body.id;
      await d.head5.post(`/api/agreements/${id}/propose`);
      await d.head5.post(`/api/agreements/${id}/sign`);
      const at = day();
      const body = tournament(id, {
        partners: ['ds-5'],
        title: 'Запускаем роботов',
        kind: 'master_class',
        direction: 'robotics',
        venue: 'project-room',
        start: at(10),
        end: at(11),
      });
      const ds5 = await userApi(stack.gateway, 'zav@ds5.test', 'kindergarten', 'ds-5');
      await eventuallyStatus(
        () => d.head5.post('/api/events', body),
        400,
        (res) => res.body.errors?.[0]?.message === `Соглашение № СВ-2022/21 не действует ${formatDay(at(10))}`,
      );
      await ds5.post(`/api/agreements/${id}/sign`);
      await eventuallyStatus(() => d.head5.post('/api/events', body), 201);
    });

    it('a terminated agreement puts its future approved events at risk, listed for the coordinator; naming a valid agreement brings them back', async () => {
      const agreement = (
        await d.coordinator.post('/api/agreements/import', {
          agreement: {
            number: 'СВ-2022/30',
            title: 'Соглашение СОШ № 5 и СОШ № 9 о шахматном турнире',
            parties: [
              { organizationId: 'sosh-5', responsible: { name: 'Тымченко О.Ю.' } },
              { organizationId: 'sosh-9', responsible: { name: 'Онищенко С.В.' } },
            ],
            directions: ['chess'],
            validFrom: '2022-10-15',
            validTo: '2023-05-31',
          },
          signedOn: { 'sosh-5': '2022-10-10', 'sosh-9': '2022-10-11' },
        })
      ).body;
      const at = day();
      const body = tournament(agreement.id, { start: at(10), end: at(12), title: 'Турнир по соглашению 30' });
      const event = (await eventuallyStatus(() => d.head5.post('/api/events', body), 201)).body.event;
      expect((await d.coordinator.post(`/api/events/${event.id}/approve`, {})).status).toBe(200);

      const terminated = await d.coordinator.post(`/api/agreements/${agreement.id}/terminate`, { reason: 'Реорганизация' });
      expect(terminated.body.status).toBe('terminated');
      const atRisk = await eventuallyStatus(
        () => d.coordinator.get(`/api/events/${event.id}`),
        200,
        (res) => res.body.status === 'at_risk',
      );
      expect(atRisk.body.atRiskReason).toBe('Соглашение № СВ-2022/30 расторгнуто 1 ноября 2022: Реорганизация. Нужно решение координатора.');
      const listed = await d.coordinator.get('/api/events?status=at_risk');
      expect(listed.body.items.map((e: any) => e.id)).toContain(event.id);
      expect(await typesFor(event.id)).toEqual(['event.proposed', 'event.approved', 'event.at_risk']);

      // A new event under the terminated agreement is refused.
      const refused = await d.head5.post('/api/events', { ...body, start: at(14), end: at(15) });
      expect(refused.status).toBe(400);

      const back = await d.coordinator.patch(`/api/events/${event.id}`, { agreementId: d.agreements.network });
      expect(back.status).toBe(200);
      expect(back.body.event.status).toBe('approved');
      expect(back.body.event.atRiskReason).toBeUndefined();
    });

    it('an agreement that expires later: events after its end are refused; after it expires, events within its term stay approved', async () => {
      const agreement = (
        await d.coordinator.post('/api/agreements/import', {
          agreement: {
            number: 'СВ-2022/31',
            title: 'Краткосрочное соглашение о декабрьских мероприятиях',
            parties: [
              { organizationId: 'sosh-5', responsible: { name: 'Тымченко О.Ю.' } },
              { organizationId: 'sosh-9', responsible: { name: 'Онищенко С.В.' } },
            ],
            directions: ['chess'],
            validFrom: '2022-10-15',
            validTo: '2022-12-28',
          },
          signedOn: { 'sosh-5': '2022-10-10', 'sosh-9': '2022-10-11' },
        })
      ).body;
      const body = (start: string, end: string) => tournament(agreement.id, { venue: 'project-room', start, end, title: `Турнир ${start}` });
      const within = (await eventuallyStatus(() => d.head5.post('/api/events', body('2022-12-27T07:00:00.000Z', '2022-12-27T09:00:00.000Z')), 201)).body.event;
      expect((await d.coordinator.post(`/api/events/${within.id}/approve`, {})).status).toBe(200);
      const after = await d.head5.post('/api/events', body('2023-01-10T07:00:00.000Z', '2023-01-10T09:00:00.000Z'));
      expect(after.status).toBe(400);
      expect(after.body.errors).toContainEqual({ path: 'agreementId', message: 'Соглашение № СВ-2022/31 не действует 10 января 2023' });

      const saved = clock.now();
      clock.set('2022-12-29T09:00:00Z');
      try {
        await eventuallyStatus(
          () => d.coordinator.get(`/api/agreements/${agreement.id}`),
          200,
          (res) => res.body.status === 'expired',
        );
        // The calendar has taken in the expiry (and reviewed the agreement's events): the December event stays approved.
        await consumed(probe, env.prefix, 'agreements', 'calendar');
        expect((await d.coordinator.get(`/api/events/${within.id}`)).body.status).toBe('approved');
      } finally {
        clock.set(saved);
      }
    });
  });

  describe('the plan-schedule and festivals', () => {
    it('the plan groups approved events of the school year by month, filtered by organisation, direction and kind', async () => {
      const nov = await approved(
        tournament(d.agreements.s5s9, { venue: 'project-room', start: '2022-11-29T07:00:00.000Z', end: '2022-11-29T08:00:00.000Z', title: 'План: ноябрь' }),
      );
      const jan = await approved(
        tournament(d.agreements.s5ds9, {
          venue: 'project-room',
          partners: ['ds-9'],
          kind: 'master_class',
          direction: 'lego',
          start: '2023-01-17T07:00:00.000Z',
          end: '2023-01-17T08:00:00.000Z',
          title: 'План: январь',
        }),
      );
      const draft = await proposed(
        tournament(d.agreements.s5s9, {
          venue: 'project-room',
          start: '2023-01-18T07:00:00.000Z',
          end: '2023-01-18T08:00:00.000Z',
          title: 'План: не согласовано',
        }),
      );

      const plan = await d.staff5.get('/api/plan?schoolYear=2022-2023');
      expect(plan.status).toBe(200);
      expect(plan.body).toMatchObject({ schoolYear: '2022-2023', from: '2022-09-01', to: '2023-08-31' });
      const ids = plan.body.months.flatMap((m: any) => m.events.map((e: any) => e.id));
      expect(ids).toEqual(expect.arrayContaining([nov.id, jan.id]));
      expect(ids).not.toContain(draft.id);
      expect(plan.body.total).toBe(ids.length);
      const months = plan.body.months.map((m: any) => m.month);
      expect(months).toEqual([...months].sort());
      expect(plan.body.months.find((m: any) => m.month === '2023-01').label).toBe('Январь 2023');
      for (const m of plan.body.months) for (const e of m.events) expect(['approved', 'at_risk', 'held']).toContain(e.status);

      const lego = await d.staff5.get('/api/plan?schoolYear=2022-2023&direction=lego&kind=master_class&org=ds-9');
      expect(lego.body.months.flatMap((m: any) => m.events.map((e: any) => e.id))).toEqual([jan.id]);
      const bad = await d.staff5.get('/api/plan?schoolYear=2022-2024');
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].message).toBe('Учебный год — два соседних года, например 2022-2023');
    });

    it('the coordinator announces a festival; its programme is its events, within its dates', async () => {
      const body = { name: 'Траектория успеха — «Точка роста»', startDate: '2023-04-17', endDate: '2023-04-28', description: 'Первый муниципальный фестиваль' };
      expect((await d.head5.post('/api/festivals', body)).status).toBe(403);
      expect((await d.coordinator.post('/api/festivals', { ...body, endDate: '2023-04-01' })).status).toBe(400);
      const festival = await d.coordinator.post('/api/festivals', body);
      expect(festival.status).toBe(201);
      const id = festival.body.id;

      const lesson = await approved(
        tournament(d.agreements.s5s9, {
          venue: 'project-room',
          festivalId: id,
          kind: 'open_lesson',
          start: '2023-04-18T07:00:00.000Z',
          end: '2023-04-18T08:00:00.000Z',
          title: 'Открытый урок 3D-моделирования',
        }),
      );
      const outside = await d.head5.post(
        '/api/events',
        tournament(d.agreements.s5s9, { festivalId: id, start: '2023-05-03T07:00:00.000Z', end: '2023-05-03T08:00:00.000Z' }),
      );
      expect(outside.status).toBe(400);
      expect(outside.body.errors).toContainEqual({
        path: 'festivalId',
        message: 'Мероприятие проходит вне дат фестиваля «Траектория успеха — «Точка роста»» (17 апреля 2023 – 28 апреля 2023)',
      });

      const one = await d.ds9.get(`/api/festivals/${id}`);
      expect(one.body).toMatchObject({ name: body.name, startDate: '2023-04-17', endDate: '2023-04-28' });
      expect(one.body.program.map((e: any) => e.id)).toEqual([lesson.id]);
      const list = await d.ds9.get('/api/festivals');
      expect(list.body.items.map((f: any) => f.id)).toContain(id);
      expect((await d.ds9.get('/api/festivals/000000000000000000000000')).body.detail).toBe('Фестиваль не найден');
      const filtered = await d.ds9.get(`/api/events?festival=${id}`);
      expect(filtered.body.items.map((e: any) => e.id)).toEqual([lesson.id]);
    });
  });

  describe('month listing by Moscow month buckets', () => {
    // СОШ № 3 with д/с № 5, career guidance: nothing else in this file is both.
    const guidance = (start: string, end: string, title: string) =>
      tournament(d.agreements.s3ds5, {
        hostId: 'sosh-3',
        venue: 'project-room',
        partners: ['ds-5'],
        kind: 'master_class',
        direction: 'career_guidance',
        start,
        end,
        title,
      });
    const listed = async (query: string) => {
      const res = await d.coordinator.get(`/api/events?org=sosh-3&direction=career_guidance&${query}`);
      expect(res.status).toBe(200);
      return { ids: res.body.items.map((e: any) => e.title), total: res.body.total };
    };

    it('lists a window by the months it covers (Moscow), with the other filters, paged, each query served by an index', async () => {
      // 31 March 22:30 – 1 April 01:00 in Moscow: all of it 31 March in UTC.
      await approved(guidance('2023-03-31T19:30:00.000Z', '2023-03-31T22:00:00.000Z', 'Профориентация: ночь на апрель'), d.head3);
      await approved(guidance('2023-04-20T07:00:00.000Z', '2023-04-20T09:00:00.000Z', 'Профориентация: апрель'), d.head3);
      await approved(guidance('2023-05-12T07:00:00.000Z', '2023-05-12T09:00:00.000Z', 'Профориентация: май'), d.head3);
      await proposed(guidance('2023-04-21T07:00:00.000Z', '2023-04-21T09:00:00.000Z', 'Профориентация: не согласовано'), d.head3);

      const queries: Record<string, unknown>[] = [];
      const mongo = stack.calendar.runtime.mongo;
      mongo.set('debug', (collection: string, method: string, filter: Record<string, unknown>) => {
        if (collection === 'events' && method === 'find') queries.push(filter);
      });
      try {
        expect(await listed('from=2023-04-01&to=2023-04-30&status=approved')).toEqual({
          ids: ['Профориентация: ночь на апрель', 'Профориентация: апрель'],
          total: 2,
        });
      } finally {
        mongo.set('debug', false);
      }
      // One month, one query; besides it only the outbox sweeps ran meanwhile. Each served by its index.
      expect(queries.filter((q) => 'months' in q)).toHaveLength(1);
      for (const query of queries) {
        const { problems } = await indexProblems(mongo.collection('events'), query, 'months' in query ? { months: 1 } : { outboxPending: 1 });
        expect(problems).toEqual([]);
      }

      expect(await listed('from=2023-03-31&to=2023-03-31')).toEqual({ ids: ['Профориентация: ночь на апрель'], total: 1 });
      expect(await listed('from=2023-04-02&to=2023-04-19')).toEqual({ ids: [], total: 0 });
      expect(await listed('from=2023-03-01&to=2023-05-31&status=approved&limit=2&page=2')).toEqual({ ids: ['Профориентация: май'], total: 3 });
      expect((await listed('from=2023-04-01&to=2023-04-30')).total).toBe(3);
      // A centre that is not the host sees no proposal of another.
      const asHead9 = await d.head9.get('/api/events?org=sosh-3&direction=career_guidance&from=2023-04-01&to=2023-04-30');
      expect(asHead9.body.items.map((e: any) => e.title)).toEqual(['Профориентация: ночь на апрель', 'Профориентация: апрель']);
    });

    it('gives events stored before the buckets existed their months once, at start', async () => {
      const events = stack.calendar.runtime.mongo.collection('events');
      await events.updateMany({ title: 'Профориентация: май' }, { $unset: { months: 1 } });
      expect((await listed('from=2023-05-01&to=2023-05-31')).total).toBe(0);
      await stack.calendar.runtime.mongo.collection('month_buckets_filled').deleteMany({});
      const backfill = stack.calendar.app.get(MonthBucketsBackfill);
      backfill.onApplicationBootstrap();
      await backfill.done();
      expect(await listed('from=2023-05-01&to=2023-05-31')).toEqual({ ids: ['Профориентация: май'], total: 1 });
      expect((await events.findOne({ title: 'Профориентация: май' }))?.months).toEqual(['2023-05']);
    });
  });
});

async function eventuallyStatus(call: () => Promise<any>, status: number, also: (res: any) => boolean = () => true, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await call();
    if (res.status === status && also(res)) return res;
    if (Date.now() > deadline) throw new Error(`still ${res.status}: ${res.text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function formatDay(iso: string): string {
  return new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', day: 'numeric', month: 'long', year: 'numeric' })
    .format(new Date(iso))
    .replace(/\s*г\.$/, '');
}

function formatWhen(start: string, end: string): string {
  const t = (iso: string) =>
    new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return `${formatDay(start)}, ${t(start)}–${t(end)}`;
}
