import { Types } from 'mongoose';
import { startAgreements } from '@tochka/agreements';
import { addDays, addYears, agreementEvents, calendarEvents, formatMoscowDate, moscowDate, registrationEvents } from '@tochka/contracts';
import { startGateway } from '@tochka/gateway';
import { startNotifications } from '@tochka/notifications';
import { Api, createTestEnv, organizationBody, SmtpSink, Started, startSmtpSink, startStack, TestEnv, userApi } from '@tochka/testing';
import { calendarEvent as anyEvent, icsOf, publish, publishAgain, registration, settle, summaryOf } from './fixtures';

const HEAD3 = 'sosh-3@shcherbinovsky.test';
const HEAD5 = 'ds-5@shcherbinovsky.test';
const HEAD9 = 'ds-9@shcherbinovsky.test';
const COORDINATOR = 'metodist@mk-moshr.test';

describe('notifications: who gets which mail', () => {
  let env: TestEnv;
  let sink: SmtpSink;
  let stack: Started<{ agreements: typeof startAgreements; notifications: typeof startNotifications; gateway: typeof startGateway }>;
  let coordinator: Api, head3: Api, ds5: Api;
  let head3Id: string;

  const bus = () => stack.notifications.runtime.bus;
  // Events here are proposed by the head of СОШ № 3, a user the service knows.
  const calendarEvent: typeof anyEvent = (overrides = {}) => anyEvent({ proposedBy: { userId: head3Id, organizationId: 'sosh-3' }, ...overrides });
  const mail = async (to: string, subject: string, count = 1) =>
    sink.waitFor((m) => m.envelope.to.includes(to) && m.parsed.subject === subject, { count, timeoutMs: 15_000 });
  const subjectsTo = (to: string, containing: string) =>
    sink
      .to(to)
      .map((m) => m.parsed.subject ?? '')
      .filter((s) => s.includes(containing));

  beforeAll(async () => {
    env = createTestEnv();
    sink = await startSmtpSink();
    stack = await startStack(
      env,
      { agreements: startAgreements, notifications: startNotifications, gateway: startGateway },
      { overrides: { notifications: { SMTP_URL: sink.url, PUBLIC_URL: 'https://tochka.test', NOTIFICATION_POLL_MS: 100, SCHEDULER_INTERVAL_MS: 3_600_000 } } },
    );
    coordinator = await userApi(stack.gateway, COORDINATOR, 'coordinator', 'mk-moshr', 'Бондаренко И.В.');
    for (const body of [
      organizationBody('mk-moshr', 'methodical_service', 'МКУ «МК МОЩР»'),
      organizationBody('sosh-3', 'growth_point_centre', 'МБОУ СОШ № 3', { head: { name: 'Кутовая Е.И.', email: HEAD3 } }),
      organizationBody('ds-5', 'kindergarten', 'МБДОУ ЦРР д/с № 5', { head: { name: 'Шевчук О.Н.', email: HEAD5 } }),
      organizationBody('ds-9', 'kindergarten', 'МБДОУ ЦРР д/с № 9', { head: { name: 'Лысенко А.А.', email: HEAD9 } }),
    ]) {
      expect((await coordinator.post('/api/organizations', body)).status).toBe(201);
    }
    // The heads of СОШ № 3 and д/с № 5 have accounts under their organisations' head addresses.
    [head3, ds5] = await Promise.all([
      userApi(stack.gateway, HEAD3, 'centre_head', 'sosh-3', 'Кутовая Е.И.'),
      userApi(stack.gateway, HEAD5, 'kindergarten', 'ds-5', 'Шевчук О.Н.'),
    ]);
    head3Id = (await head3.get('/api/me')).body.id;
  });

  afterAll(async () => {
    await stack?.close();
    await sink?.close();
    await env?.cleanup();
  });

  describe('agreements', () => {
    it('asks the head of each party to sign, tells all parties it is active, then terminated', async () => {
      // Signing is for agreements still in force: a term from today.
      const validFrom = moscowDate(new Date());
      const validTo = addDays(addYears(validFrom, 1), -1);
      const created = await head3.post('/api/agreements', {
        number: 'СВ-2022/03',
        title: 'Соглашение о сетевом взаимодействии',
        parties: [
          { organizationId: 'sosh-3', responsible: { name: 'Кутовая Е.И.' } },
          { organizationId: 'ds-5', responsible: { name: 'Шевчук О.Н.' } },
        ],
        directions: ['robotics', 'traffic_safety'],
        validFrom,
        validTo,
      });
      const id = created.body.id;
      await head3.post(`/api/agreements/${id}/propose`);

      const [ask5] = await mail(HEAD5, 'Соглашение № СВ-2022/03 ожидает вашей подписи');
      await mail(HEAD3, 'Соглашение № СВ-2022/03 ожидает вашей подписи');
      expect(ask5.parsed.to).toMatchObject({ value: [{ address: HEAD5, name: 'Шевчук О.Н.' }] });
      expect(ask5.parsed.text).toContain('Здравствуйте, Шевчук О.Н.!');
      expect(ask5.parsed.text).toContain('от имени организации МБДОУ ЦРР д/с № 5');
      expect(ask5.parsed.text).toContain(`Срок действия: с ${formatMoscowDate(validFrom)} по ${formatMoscowDate(validTo)}`);
      expect(ask5.parsed.text).toContain(`https://tochka.test/api/agreements/${id}`);
      expect(ask5.parsed.html).toContain('<a href="https://tochka.test/api/agreements/');

      await head3.post(`/api/agreements/${id}/sign`);
      await ds5.post(`/api/agreements/${id}/sign`);
      await mail(HEAD3, 'Соглашение № СВ-2022/03 вступило в силу');
      await mail(HEAD5, 'Соглашение № СВ-2022/03 вступило в силу');

      expect((await coordinator.post(`/api/agreements/${id}/terminate`, { reason: 'Реорганизация детского сада' })).status).toBe(200);
      const [ended] = await mail(HEAD5, 'Соглашение № СВ-2022/03 расторгнуто');
      expect(ended.parsed.text).toContain('Причина: Реорганизация детского сада');
      await mail(HEAD3, 'Соглашение № СВ-2022/03 расторгнуто');
      // The coordinator is not a party: no mail about signing or activation.
      expect(subjectsTo(COORDINATOR, 'СВ-2022/03')).toEqual([]);
    });

    it('warns the parties and the coordinator when an agreement is about to expire', async () => {
      const imported = await coordinator.post('/api/agreements/import', {
        agreement: {
          number: 'СВ-2022/04',
          title: 'Соглашение о сотрудничестве',
          parties: [
            { organizationId: 'sosh-3', responsible: { name: 'Кутовая Е.И.' } },
            { organizationId: 'ds-9', responsible: { name: 'Лысенко А.А.' } },
          ],
          directions: ['lego'],
          validFrom: '2022-09-01',
          validTo: '2023-05-31',
        },
        signedOn: { 'sosh-3': '2022-09-01', 'ds-9': '2022-09-02' },
      });
      expect(imported.status).toBe(201);
      // As the agreements scheduler publishes it 30 days ahead (its own tests cover when).
      await publish(bus(), agreementEvents.expiring, { agreement: { ...imported.body, version: imported.body.version + 1 }, daysLeft: 29 });
      const subject = 'Срок действия соглашения № СВ-2022/04 истекает через 29 дней';
      const [toCoordinator] = await mail(COORDINATOR, subject);
      expect(toCoordinator.parsed.text).toContain('Здравствуйте, Бондаренко И.В.!');
      await mail(HEAD3, subject);
      await mail(HEAD9, subject);
      // Loading an agreement signed on paper (one that has ended by now) announced neither its
      // activation nor its expiry; both came before the warning on the stream.
      await settle();
      expect([...subjectsTo(HEAD3, 'СВ-2022/04'), ...subjectsTo(HEAD9, 'СВ-2022/04')]).toEqual([subject, subject]);
    });
  });

  describe('calendar events', () => {
    it('a proposal goes to the coordinator; approval to the proposer and an invitation with METHOD:REQUEST to each partner', async () => {
      const event = calendarEvent({
        title: 'Запуск роботов',
        status: 'proposed',
        partners: [
          { organizationId: 'ds-5', organizationName: 'МБДОУ ЦРР д/с № 5' },
          { organizationId: 'ds-9', organizationName: 'МБДОУ ЦРР д/с № 9' },
        ],
        version: 1,
      });
      await publish(bus(), calendarEvents.proposed, { event });
      const [proposal] = await mail(COORDINATOR, 'Новое мероприятие на согласование: «Запуск роботов»');
      expect(proposal.parsed.text).toContain('МБОУ СОШ № 3 предлагает мероприятие «Запуск роботов»');
      expect(proposal.parsed.text).toContain('Когда: 17 апреля 2023, 14:00–15:30 (МСК)');
      expect(proposal.parsed.text).toContain('Вместимость: 20 мест, 2 группы');
      expect(icsOf(proposal)).toBeUndefined();

      const approved = { ...event, status: 'approved' as const, approvalComment: 'Включить в план фестиваля', version: 2 };
      await publish(bus(), calendarEvents.approved, { event: approved });
      const [toProposer] = await mail(HEAD3, 'Мероприятие согласовано: «Запуск роботов»');
      expect(toProposer.parsed.text).toContain('Комментарий координатора: Включить в план фестиваля');

      for (const head of [HEAD5, HEAD9]) {
        const [invitation] = await mail(head, 'Новое мероприятие для вас: «Запуск роботов»');
        expect(invitation.parsed.text).toContain('Где: Кабинет робототехники, МБОУ СОШ № 3, ст. Старощербиновская, ул. Первомайская, 1');
        expect(icsOf(invitation)).toMatchObject({ method: 'REQUEST', uid: `${event.id}@tochka-rosta`, sequence: 0, status: 'CONFIRMED' });
      }
      // The proposer's own approval mail carries no invitation; the host is not invited to its own event.
      expect(icsOf(toProposer)).toBeUndefined();
      expect(subjectsTo(HEAD3, 'Новое мероприятие для вас')).toEqual([]);
    });

    it('an event loaded from the plan approved on paper is not announced, yet its later changes are', async () => {
      const event = calendarEvent({ title: 'Белая ладья', partners: [{ organizationId: 'ds-9', organizationName: 'МБДОУ ЦРР д/с № 9' }] });
      await publish(bus(), calendarEvents.approved, { event, imported: true });
      const cancelled = { ...event, status: 'cancelled' as const, cancellationReason: 'Перенос в план следующего года', sequence: 1, version: 2 };
      await publish(bus(), calendarEvents.cancelled, { event: cancelled });
      const [toPartner] = await mail(HEAD9, 'Мероприятие отменено: «Белая ладья»');
      expect(icsOf(toPartner)).toMatchObject({ method: 'CANCEL', uid: `${event.id}@tochka-rosta` });
      await mail(HEAD3, 'Мероприятие отменено: «Белая ладья»');
      await settle();
      expect([...subjectsTo(HEAD3, 'Белая ладья'), ...subjectsTo(HEAD9, 'Белая ладья')]).toEqual([
        'Мероприятие отменено: «Белая ладья»',
        'Мероприятие отменено: «Белая ладья»',
      ]);
    });

    it('a rejection goes to the proposer with the reason', async () => {
      const event = calendarEvent({ title: 'Шахматный турнир', status: 'rejected', rejectionReason: 'Дата совпадает с фестивалем' });
      await publish(bus(), calendarEvents.rejected, { event });
      const [rejected] = await mail(HEAD3, 'Мероприятие не согласовано: «Шахматный турнир»');
      expect(rejected.parsed.text).toContain('Причина: Дата совпадает с фестивалем');
    });

    it('rescheduled and updated: host, partners and every registered group get an updated .ics; cancelled: METHOD:CANCEL', async () => {
      const event = calendarEvent({ title: 'Робототехника для малышей', partners: [{ organizationId: 'ds-9', organizationName: 'МБДОУ ЦРР д/с № 9' }] });
      await publish(bus(), calendarEvents.approved, { event });
      const confirmed = registration(event, { contactEmail: 'gruppa1@ds9.test', organizationId: 'ds-9', organizationName: 'МБДОУ ЦРР д/с № 9' });
      const waiting = registration(event, {
        contactEmail: 'gruppa2@ds9.test',
        status: 'waitlisted',
        waitlistPosition: 1,
        createdAt: '2023-03-11T09:00:00.000Z',
      });
      const gone = registration(event, { contactEmail: 'ushli@ds9.test', status: 'cancelled', updatedAt: '2023-03-12T09:00:00.000Z' });
      await publish(bus(), registrationEvents.confirmed, { registration: confirmed, event: summaryOf(event) });
      await publish(bus(), registrationEvents.waitlisted, { registration: waiting, event: summaryOf(event) });
      await publish(bus(), registrationEvents.cancelled, { registration: gone, event: summaryOf(event) });
      await mail('gruppa2@ds9.test', `Группа «${waiting.groupName}» в листе ожидания: «Робототехника для малышей»`);
      await mail('ushli@ds9.test', `Регистрация группы «${gone.groupName}» отменена: «Робототехника для малышей»`);

      const moved = { ...event, start: '2023-04-20T08:00:00.000Z', end: '2023-04-20T09:00:00.000Z', sequence: 1, version: 3 };
      await publish(bus(), calendarEvents.rescheduled, { event: moved, previous: { start: event.start, end: event.end } });
      const subject = 'Мероприятие перенесено: «Робототехника для малышей»';
      for (const to of [HEAD3, HEAD9, 'gruppa1@ds9.test', 'gruppa2@ds9.test']) {
        const [m] = await mail(to, subject);
        expect(icsOf(m)).toMatchObject({ method: 'REQUEST', uid: `${event.id}@tochka-rosta`, sequence: 1 });
        expect(m.parsed.text).toContain('Было: 17 апреля 2023, 14:00–15:30 (МСК)');
        expect(m.parsed.text).toContain('Стало: 20 апреля 2023, 11:00–12:00 (МСК)');
      }

      const renamed = { ...moved, venue: { ...moved.venue, roomName: 'Актовый зал' }, sequence: 2, version: 4 };
      await publish(bus(), calendarEvents.updated, { event: renamed, changed: ['venue'] });
      const [updated] = await mail('gruppa1@ds9.test', 'Изменения в мероприятии «Робототехника для малышей»');
      expect(updated.parsed.text).toContain('изменено: место проведения');
      expect(icsOf(updated)).toMatchObject({ method: 'REQUEST', uid: `${event.id}@tochka-rosta`, sequence: 2 });

      // The registrations service cancels the groups with their event; whichever stream is read first, they hear of it.
      const cancelledAt = '2023-04-01T09:00:00.000Z';
      await publish(bus(), registrationEvents.cancelled, {
        registration: { ...confirmed, status: 'cancelled', cancellationReason: 'Мероприятие отменено', updatedAt: cancelledAt, version: 2 },
        event: summaryOf(renamed),
      });
      const cancelled = { ...renamed, status: 'cancelled' as const, cancellationReason: 'Карантин в детском саду', cancelledAt, sequence: 3, version: 5 };
      await publish(bus(), calendarEvents.cancelled, { event: cancelled });
      for (const to of [HEAD3, HEAD9, 'gruppa1@ds9.test', 'gruppa2@ds9.test']) {
        const [m] = await mail(to, 'Мероприятие отменено: «Робототехника для малышей»');
        expect(icsOf(m)).toMatchObject({ method: 'CANCEL', uid: `${event.id}@tochka-rosta`, sequence: 3, status: 'CANCELLED' });
        expect(m.parsed.text).toContain('Причина: Карантин в детском саду');
      }
      await settle();
      // The group that had left before never hears of the changes.
      expect(subjectsTo('ushli@ds9.test', 'Робототехника для малышей')).toEqual([
        `Регистрация группы «${gone.groupName}» отменена: «Робототехника для малышей»`,
      ]);
    });
  });

  describe('registrations', () => {
    it('confirmed and promoted carry the invitation; waitlisted names the position; changed and cancelled tell the contact', async () => {
      const event = calendarEvent({ title: 'Лего-мастерская', sequence: 1, version: 3 });
      await publish(bus(), calendarEvents.approved, { event });
      const contact = 'kontakt@ds5.test';
      const reg = registration(event, { contactEmail: contact, children: 2, groupName: 'Пчёлки' });

      await publish(bus(), registrationEvents.confirmed, { registration: reg, event: summaryOf(event) });
      const [confirmed] = await mail(contact, 'Группа «Пчёлки» зарегистрирована: «Лего-мастерская»');
      expect(confirmed.parsed.text).toContain('группа «Пчёлки» (2 ребёнка)');
      expect(confirmed.parsed.text).toContain('Сопровождающие: Иванова М.П., +7 900 000-00-05');
      expect(icsOf(confirmed)).toMatchObject({ method: 'REQUEST', uid: `${event.id}@tochka-rosta`, sequence: 1 });

      const second = registration(event, { contactEmail: contact, children: 21, groupName: 'Зайчики', status: 'waitlisted', waitlistPosition: 3 });
      await publish(bus(), registrationEvents.waitlisted, { registration: second, event: summaryOf(event) });
      const [waitlisted] = await mail(contact, 'Группа «Зайчики» в листе ожидания: «Лего-мастерская»');
      expect(waitlisted.parsed.text).toContain('(21 ребёнок) внесена в лист ожидания под номером 3');
      expect(icsOf(waitlisted)).toBeUndefined();

      await publish(bus(), registrationEvents.changed, {
        registration: { ...second, waitlistPosition: 1, version: 2 },
        event: summaryOf(event),
        changed: ['waitlistPosition'],
      });
      const [changed] = await mail(contact, 'Изменения в регистрации группы «Зайчики»: «Лего-мастерская»');
      expect(changed.parsed.text).toContain('изменено: место в листе ожидания');

      await publish(bus(), registrationEvents.cancelled, {
        registration: { ...reg, status: 'cancelled', cancellationReason: 'Группа на карантине', version: 2 },
        event: summaryOf(event),
      });
      const [cancelled] = await mail(contact, 'Регистрация группы «Пчёлки» отменена: «Лего-мастерская»');
      expect(cancelled.parsed.text).toContain('Причина: Группа на карантине');

      await publish(bus(), registrationEvents.promoted, {
        registration: { ...second, status: 'confirmed', waitlistPosition: undefined, version: 3 },
        event: summaryOf(event),
      });
      const [promoted] = await mail(contact, 'Место освободилось: группа «Зайчики» зарегистрирована на «Лего-мастерская»');
      expect(icsOf(promoted)).toMatchObject({ method: 'REQUEST', uid: `${event.id}@tochka-rosta`, sequence: 1 });
    });

    it('waits for the calendar entry before sending an invitation older than the mail', async () => {
      const event = calendarEvent({ title: 'Цифровая лаборатория', sequence: 2, version: 4 });
      const reg = registration(event, { contactEmail: 'pozdno@ds5.test' });
      // The registration arrives before the calendar stream has delivered the event.
      await publish(bus(), registrationEvents.confirmed, { registration: reg, event: summaryOf(event) });
      await settle(300);
      expect(sink.to('pozdno@ds5.test')).toEqual([]);
      await publish(bus(), calendarEvents.updated, { event, changed: ['title'] });
      const [confirmed] = await mail('pozdno@ds5.test', `Группа «${reg.groupName}» зарегистрирована: «Цифровая лаборатория»`);
      expect(icsOf(confirmed)?.sequence).toBe(2);
    });
  });

  it('a duplicated event sends one mail', async () => {
    const event = calendarEvent({ title: 'Открытый урок ОБЖ' });
    await publish(bus(), calendarEvents.approved, { event });
    const reg = registration(event, { contactEmail: 'odin-raz@ds5.test' });
    const confirmed = await publish(bus(), registrationEvents.confirmed, { registration: reg, event: summaryOf(event) });
    await publishAgain(bus(), confirmed);
    await publishAgain(bus(), confirmed);
    await mail('odin-raz@ds5.test', `Группа «${reg.groupName}» зарегистрирована: «Открытый урок ОБЖ»`);
    await settle(500);
    await publishAgain(bus(), confirmed); // once more, after it was sent
    await settle(500);
    expect(sink.to('odin-raz@ds5.test').length).toBe(1);
    const log = await coordinator.get('/api/notifications?recipient=odin-raz@ds5.test');
    expect(log.body.total).toBe(1);
    expect(log.body.items[0]).toMatchObject({ sourceEventId: confirmed.id, template: 'registration_confirmed', status: 'sent' });
    // Nothing brought back by the late repeat: the sent mail keeps no body.
    const stored = await stack.notifications.runtime.mongo
      .collection('notifications')
      .findOne({ _id: new Types.ObjectId(log.body.items[0].id) }, { projection: { body: 1 } });
    expect(stored).toEqual({ _id: new Types.ObjectId(log.body.items[0].id) });
  });

  describe('preferences', () => {
    it('lists the categories, refuses switching off the mandatory ones in Russian, and is per user', async () => {
      const initial = await ds5.get('/api/me/notification-preferences');
      expect(initial.status).toBe(200);
      expect(Object.values(initial.body.preferences).every(Boolean)).toBe(true);
      expect(initial.body.categories.find((c: any) => c.category === 'registration_results')).toEqual({
        category: 'registration_results',
        label: 'Результаты регистрации групп',
        enabled: true,
        mandatory: true,
      });

      const refused = await ds5.put('/api/me/notification-preferences', { registration_results: false, agreement_signing: false });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([
        { path: 'agreement_signing', message: 'Уведомления «Соглашения, ожидающие подписи» отключить нельзя' },
        { path: 'registration_results', message: 'Уведомления «Результаты регистрации групп» отключить нельзя' },
      ]);
      const unknown = await ds5.put('/api/me/notification-preferences', { spam: false });
      expect(unknown.status).toBe(400);
      expect((await ds5.get('/api/me/notification-preferences')).body.preferences.event_invitations).toBe(true);

      const saved = await ds5.put('/api/me/notification-preferences', { event_invitations: false, reminders: false });
      expect(saved.status).toBe(200);
      expect(saved.body.preferences).toMatchObject({ event_invitations: false, reminders: false, event_changes: true, registration_results: true });
      expect((await ds5.get('/api/me/notification-preferences')).body.preferences.event_invitations).toBe(false);
      // Someone else's preferences are untouched.
      expect((await head3.get('/api/me/notification-preferences')).body.preferences.event_invitations).toBe(true);
    });

    it('are respected: no invitation for the head who switched them off, mandatory mails still arrive', async () => {
      const event = calendarEvent({
        title: 'Неделя безопасности дорожного движения',
        partners: [
          { organizationId: 'ds-5', organizationName: 'МБДОУ ЦРР д/с № 5' },
          { organizationId: 'ds-9', organizationName: 'МБДОУ ЦРР д/с № 9' },
        ],
      });
      await publish(bus(), calendarEvents.approved, { event });
      await mail(HEAD9, 'Новое мероприятие для вас: «Неделя безопасности дорожного движения»');
      const reg = registration(event, { contactEmail: HEAD5 });
      await publish(bus(), registrationEvents.confirmed, { registration: reg, event: summaryOf(event) });
      await mail(HEAD5, `Группа «${reg.groupName}» зарегистрирована: «Неделя безопасности дорожного движения»`);
      await settle();
      expect(subjectsTo(HEAD5, 'Новое мероприятие для вас: «Неделя безопасности')).toEqual([]);
    });
  });

  describe('delivery log', () => {
    it('the coordinator filters it by status, recipient, template and date; others get 403', async () => {
      const log = await coordinator.get(`/api/notifications?recipient=${HEAD9}&template=event_invitation&status=sent&from=2020-01-01&limit=50`);
      expect(log.status).toBe(200);
      expect(log.body.total).toBeGreaterThanOrEqual(2);
      for (const n of log.body.items as any[]) {
        expect(n).toMatchObject({
          recipient: HEAD9,
          template: 'event_invitation',
          category: 'event_invitations',
          status: 'sent',
          attempts: 1,
          hasCalendar: true,
        });
        expect(n.smtpMessageId).toMatch(/^<[0-9a-f]{24}@/);
        expect(n.sourceType).toBe('event.approved');
      }
      // Newest first.
      const times = log.body.items.map((n: any) => n.createdAt);
      expect([...times].sort().reverse()).toEqual(times);

      expect((await coordinator.get('/api/notifications?to=2000-01-01')).body.total).toBe(0);
      const badStatus = await coordinator.get('/api/notifications?status=lost');
      expect(badStatus.status).toBe(400);
      expect(badStatus.body.errors.map((e: any) => e.path)).toEqual(['status']);
      const badDates = await coordinator.get('/api/notifications?from=2023-05-01&to=2023-04-01');
      expect(badDates.status).toBe(400);
      expect(badDates.body.errors).toEqual([{ path: 'to', message: 'Дата «по» раньше даты «с»' }]);

      expect((await head3.get('/api/notifications')).status).toBe(403);
      expect((await ds5.post(`/api/notifications/${log.body.items[0].id}/retry`)).status).toBe(403);
    });

    it('retrying a mail that was sent is refused, naming its status', async () => {
      const [sent] = (await coordinator.get(`/api/notifications?recipient=${HEAD9}&status=sent&limit=1`)).body.items;
      const res = await coordinator.post(`/api/notifications/${sent.id}/retry`);
      expect(res.status).toBe(409);
      expect(res.body.detail).toBe('Повторить можно только недоставленное уведомление, а это уведомление отправлено');
      expect(res.body.currentStatus).toBe('sent');
      expect((await coordinator.post('/api/notifications/64b0000000000000000000ff/retry')).status).toBe(404);
    });
  });
});
