import { calendarEvents, organizationEvents, registrationEvents, userEvents } from '@tochka/contracts';
import { startNotifications } from '@tochka/notifications';
import { RunningService } from '@tochka/runtime';
import { createTestEnv, eventually, ManualClock, SmtpSink, startSmtpSink, TestEnv } from '@tochka/testing';
import { calendarEvent, organization, publish, registration, settle, summaryOf, user } from './fixtures';

const HOST = 'sosh-3@shcherbinovsky.test';
const COORDINATOR = 'metodist@mk-moshr.test';

/** Reminders, the digest and sending, with two instances on one database and a clock the test moves. */
describe('notifications: scheduled mails and two instances', () => {
  let env: TestEnv;
  let clock: ManualClock;
  let sink: SmtpSink;
  let instances: RunningService[];

  const start = () =>
    startNotifications({
      overrides: env.overrides('notifications', {
        SMTP_URL: sink.url,
        SCHEDULER_INTERVAL_MS: 50,
        NOTIFICATION_POLL_MS: 50,
        REMINDER_LEAD_HOURS: 24,
        DIGEST_HOUR: 8,
      }),
      clock,
    });
  const bus = () => instances[0].runtime.bus;
  const subjects = (to: string, containing: string) =>
    sink
      .to(to)
      .map((m) => m.parsed.subject ?? '')
      .filter((s) => s.includes(containing));
  const arrives = (to: string, subject: string) => sink.waitFor((m) => m.envelope.to.includes(to) && m.parsed.subject === subject);

  beforeAll(async () => {
    env = createTestEnv();
    clock = new ManualClock('2023-04-16T04:00:00Z'); // 07:00 in Moscow
    sink = await startSmtpSink();
    instances = [await start(), await start()];
    await publish(bus(), userEvents.created, { user: user('64b0000000000000000000c1', COORDINATOR, 'Бондаренко И.В.', 'coordinator', 'mk-moshr') });
    // The fixtures' proposer is the head of СОШ № 3, and their partner is д/с № 5.
    await publish(bus(), userEvents.created, { user: user('64b000000000000000000001', HOST, 'Кутовая Е.И.', 'centre_head', 'sosh-3') });
    await publish(bus(), organizationEvents.registered, {
      organization: organization('sosh-3', 'МБОУ СОШ № 3', { name: 'Кутовая Е.И.', email: HOST }, 'growth_point_centre'),
    });
    await publish(bus(), organizationEvents.registered, {
      organization: organization('ds-5', 'МБДОУ ЦРР д/с № 5', { name: 'Шевчук О.Н.', email: 'ds-5@shcherbinovsky.test' }),
    });
    // Who gets which mail is read from these: a proposal consumed before them would mail nobody.
    const { mongo } = instances[0].runtime;
    await eventually(async () => (await mongo.collection('users').countDocuments()) === 2 && (await mongo.collection('organizations').countDocuments()) === 2);
  });

  afterAll(async () => {
    await Promise.all((instances ?? []).map((i) => i.close()));
    await sink?.close();
    await env?.cleanup();
  });

  it('sends the coordinators one digest a day from 08:00 Moscow time, only when something waits', async () => {
    const awaiting = calendarEvent({
      title: 'Турнир «Белая ладья»',
      status: 'proposed',
      start: '2023-04-20T08:00:00.000Z',
      end: '2023-04-20T11:00:00.000Z',
      version: 1,
    });
    await publish(bus(), calendarEvents.proposed, { event: awaiting });
    await arrives(COORDINATOR, 'Новое мероприятие на согласование: «Турнир «Белая ладья»»');
    await settle(300);
    expect(subjects(COORDINATOR, 'Сводка')).toEqual([]);

    clock.set('2023-04-16T05:00:00Z'); // 08:00 in Moscow
    const [digest] = await arrives(COORDINATOR, 'Сводка на 16 апреля 2023: 1 мероприятие ждут согласования');
    expect(digest.parsed.text).toContain('Ждут согласования:\n— «Турнир «Белая ладья»», МБОУ СОШ № 3, 20 апреля 2023, 11:00–14:00 (МСК)');
    await settle(400); // many ticks on both instances
    expect(subjects(COORDINATOR, 'Сводка')).toHaveLength(1);

    // Approved in the meantime: the next morning has nothing to report.
    await publish(bus(), calendarEvents.approved, { event: { ...awaiting, status: 'approved', version: 2 } });
    await arrives(HOST, 'Мероприятие согласовано: «Турнир «Белая ладья»»');
    clock.set('2023-04-17T05:30:00Z');
    await settle(400);
    expect(subjects(COORDINATOR, 'Сводка')).toHaveLength(1);
  });

  it('reminds the host and each confirmed group once, 24 hours ahead, across two instances and a restart; a new time means a new reminder', async () => {
    clock.set('2023-04-17T08:00:00Z');
    const event = calendarEvent({ title: 'Запуск роботов', start: '2023-04-18T11:00:00.000Z', end: '2023-04-18T12:30:00.000Z' });
    await publish(bus(), calendarEvents.approved, { event });
    const early = registration(event, { contactEmail: 'rannie@ds5.test', groupName: 'Пчёлки', children: 12 });
    await publish(bus(), registrationEvents.confirmed, { registration: early, event: summaryOf(event) });
    await arrives('rannie@ds5.test', 'Группа «Пчёлки» зарегистрирована: «Запуск роботов»');
    // A cancelled event inside the window is not reminded of.
    const dropped = calendarEvent({
      title: 'Отменённый урок',
      start: '2023-04-18T09:00:00.000Z',
      end: '2023-04-18T10:00:00.000Z',
      status: 'cancelled',
      version: 3,
    });
    await publish(bus(), calendarEvents.cancelled, { event: dropped });
    await settle(300);
    expect(subjects(HOST, 'Напоминание')).toEqual([]);

    clock.set('2023-04-17T11:00:00Z'); // exactly 24 hours before
    const subject = 'Напоминание: «Запуск роботов» — 18 апреля 2023, 14:00 (МСК)';
    const [toHost] = await arrives(HOST, subject);
    expect(toHost.parsed.text).toContain('Зарегистрировано: 1 группа, 12 детей');
    const [toGroup] = await arrives('rannie@ds5.test', subject);
    expect(toGroup.parsed.text).toContain('группа «Пчёлки» (12 детей) участвует в мероприятии «Запуск роботов»');

    await instances[1].close();
    instances[1] = await start();
    clock.advance(60 * 60_000);
    // A group confirmed inside the window gets its own reminder; the others get nothing new.
    const late = registration(event, { contactEmail: 'pozdnie@ds5.test', groupName: 'Зайчики', children: 5, createdAt: '2023-04-17T12:00:00.000Z' });
    await publish(bus(), registrationEvents.confirmed, { registration: late, event: summaryOf(event) });
    await arrives('pozdnie@ds5.test', subject);
    await settle(500);
    expect(subjects(HOST, 'Напоминание')).toEqual([subject]);
    expect(subjects('rannie@ds5.test', 'Напоминание')).toEqual([subject]);
    expect(subjects('pozdnie@ds5.test', 'Напоминание')).toEqual([subject]);
    expect(subjects(HOST, 'Напоминание: «Отменённый урок»')).toEqual([]);

    const moved = { ...event, start: '2023-04-18T14:00:00.000Z', end: '2023-04-18T15:00:00.000Z', sequence: 1, version: 3 };
    await publish(bus(), calendarEvents.rescheduled, { event: moved, previous: { start: event.start, end: event.end } });
    await arrives('rannie@ds5.test', 'Мероприятие перенесено: «Запуск роботов»');
    const newSubject = 'Напоминание: «Запуск роботов» — 18 апреля 2023, 17:00 (МСК)';
    await settle(200);
    expect(subjects(HOST, newSubject)).toEqual([]); // 26 hours ahead still
    clock.set('2023-04-17T14:00:00Z');
    await arrives(HOST, newSubject);
    await arrives('pozdnie@ds5.test', newSubject);
    await settle(400);
    expect(subjects(HOST, 'Напоминание')).toEqual([subject, newSubject]);
  });

  it('two instances send a burst of mails exactly once each', async () => {
    const event = calendarEvent({ title: 'Выставка проектов', start: '2023-05-20T08:00:00.000Z', end: '2023-05-20T10:00:00.000Z' });
    const contacts = Array.from({ length: 40 }, (_, i) => `group${i}@burst.test`);
    await Promise.all(
      contacts.map((contactEmail, i) =>
        publish(bus(), registrationEvents.waitlisted, {
          registration: registration(event, { contactEmail, status: 'waitlisted', waitlistPosition: i + 1 }),
          event: summaryOf(event),
        }),
      ),
    );
    await sink.waitFor((m) => m.envelope.to[0]?.endsWith('@burst.test'), { count: 40 });
    await settle(400);
    for (const c of contacts) expect(sink.to(c)).toHaveLength(1);
  });
});
