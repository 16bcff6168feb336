import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { runCli } from '@tochka/gateway';
import { Api, createTestEnv, eventually, organizationBody, SinkMessage, SmtpSink, startSmtpSink, TestEnv } from '@tochka/testing';
import { Console } from '../src/format';
import { missingEntries } from '../src/processes';
import { REPO_ROOT, SERVICES, settingsOn } from '../src/settings';
import { DevStack } from '../src/start';

/**
 * The district, end to end, as in production: the five services as separate processes against
 * the real Mongo-compatible server, NATS and an SMTP sink; everything through the gateway.
 * СОШ № 3 and д/с № 5 sign an agreement, hold a robot-launch master class, register groups,
 * move it and finally cancel it; the notifications service is killed in the middle.
 */

const PASSWORD = 'пароль-истории-района';
const HEAD3 = 'kutovaya@sosh3.test';
const DS5 = 'metodist@ds5.test';
const COORDINATOR = 'metodist@mk-moshr.test';
const SOSH3_HEAD_MAIL = 'sosh-3@shcherbinovsky.test'; // heads of the organisations (organizationBody)
const DS5_HEAD_MAIL = 'ds-5@shcherbinovsky.test';
const SOLNYSHKO = 'solnyshko@ds5.test';
const RADUGA = 'raduga@ds5.test';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

interface IcsEvent {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  start: string;
  tzid: string;
}

function parseIcs(text: string): IcsEvent[] {
  const cal = new ICAL.Component(ICAL.parse(text));
  const method = String(cal.getFirstPropertyValue('method') ?? 'PUBLISH');
  return cal.getAllSubcomponents('vevent').map((v) => {
    const dtstart = v.getFirstProperty('dtstart')!;
    return {
      method,
      uid: String(v.getFirstPropertyValue('uid')),
      sequence: Number(v.getFirstPropertyValue('sequence') ?? 0),
      status: String(v.getFirstPropertyValue('status') ?? ''),
      summary: String(v.getFirstPropertyValue('summary')),
      start: (dtstart.getFirstValue() as ICAL.Time).toString(),
      tzid: String(dtstart.getParameter('tzid')),
    };
  });
}

function icsOf(mail: SinkMessage): IcsEvent[] {
  const ics = mail.parsed.attachments.find((a) => /calendar/.test(a.contentType));
  if (!ics) throw new Error(`no .ics in «${mail.parsed.subject}»`);
  return parseIcs(ics.content.toString('utf8'));
}

describe('the district, end to end (five processes, real SMTP)', () => {
  let env: TestEnv;
  let sink: SmtpSink;
  let stack: DevStack;
  let dataDir: string;
  let api: Api;
  const logs: string[] = [];
  const quietConsole: Console = {
    log: (source, level, message) => logs.push(`${source} ${level} ${message}`),
    raw: (text) => logs.push(text),
  };

  const mailsTo = (address: string, subject?: RegExp) =>
    sink.messages.filter((m) => m.envelope.to.includes(address) && (!subject || subject.test(m.parsed.subject ?? '')));
  const waitMail = async (address: string, subject: RegExp) => {
    const [mail] = await sink.waitFor((m) => m.envelope.to.includes(address) && subject.test(m.parsed.subject ?? ''), { timeoutMs: 30_000 });
    return mail;
  };

  beforeAll(async () => {
    const missing = missingEntries(REPO_ROOT, SERVICES);
    if (missing.length) throw new Error(`run pnpm build first (missing ${missing.join(', ')})`);
    env = createTestEnv();
    sink = await startSmtpSink();
    dataDir = mkdtempSync(join(tmpdir(), 'district-story-'));
    const port = await freePort();
    // Settings every child process inherits (quick retries for a test run).
    Object.assign(process.env, { EVENT_BACKOFF_MS: '200,500,1000', OUTBOX_SWEEP_MS: '200', JETSTREAM_STORAGE: 'memory' });
    stack = new DevStack(
      settingsOn(
        { natsUrl: env.natsUrl, mongoUrl: env.mongoUrl, smtpUrl: sink.url, prefix: env.prefix, port, dataDir },
        { LOG_LEVEL: process.env.STORY_LOG_LEVEL ?? 'warn' },
      ),
      { steps: [], console: quietConsole },
    );
    await stack.start();
    api = new Api(`http://127.0.0.1:${port}`);
    const created = await runCli(
      ['users:create', '--email', COORDINATOR, '--role', 'coordinator', '--org', 'mk-moshr', '--name', 'Бондаренко И.В.'],
      { MONGO_URL: env.mongoUrl, MONGO_DB_PREFIX: env.prefix, NATS_URL: env.natsUrl, SUBJECT_PREFIX: env.prefix, USER_PASSWORD: PASSWORD },
      { log: () => undefined, error: (s: string) => logs.push(s) } as unknown as Console & typeof console,
    );
    expect(created).toBe(0);
  }, 90_000);

  afterAll(async () => {
    if (process.env.STORY_LOGS) console.log(logs.filter((l) => !/ info /.test(l) || /notifications|user\.created/.test(l)).join('\n'));
    await stack?.stop();
    await sink?.close();
    if (!process.env.STORY_KEEP) await env?.cleanup();
    else console.log('kept', env.prefix);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('plays the story: agreement, master class, registrations, reschedule, cancellation — every mail once', async () => {
    // The coordinator registers СОШ № 3 and д/с № 5 and their accounts.
    const coordinator = await api.login(COORDINATOR, PASSWORD);
    expect((await coordinator.post('/api/organizations', organizationBody('mk-moshr', 'methodical_service', 'МКУ «МК МОЩР»'))).status).toBe(201);
    expect(
      (
        await coordinator.post(
          '/api/organizations',
          organizationBody('sosh-3', 'growth_point_centre', 'МБОУ СОШ № 3 им. Е.И. Гришко', {
            centre: { profile: 'digital_humanitarian', openedYear: 2020 },
            rooms: [{ key: 'project-room', name: 'Проектная комната с медиазоной', capacity: 30 }],
          }),
        )
      ).status,
    ).toBe(201);
    expect((await coordinator.post('/api/organizations', organizationBody('ds-5', 'kindergarten', 'МБДОУ ЦРР д/с № 5'))).status).toBe(201);
    for (const [email, role, organizationId, name] of [
      [HEAD3, 'centre_head', 'sosh-3', 'Кутовая Е.И.'],
      [DS5, 'kindergarten', 'ds-5', 'Шевчук О.Н.'],
    ]) {
      expect((await coordinator.post('/api/users', { email, name, role, organizationId, password: PASSWORD })).status).toBe(201);
    }
    const head3 = await api.login(HEAD3, PASSWORD);
    const ds5 = await api.login(DS5, PASSWORD);

    // An agreement between them: proposed, signed by both heads, active.
    const draft = await head3.post('/api/agreements', {
      number: 'СВ-2026/03',
      title: 'Соглашение о сетевом взаимодействии: робототехника для дошкольников',
      parties: [
        { organizationId: 'sosh-3', responsible: { name: 'Кутовая Е.И.' } },
        { organizationId: 'ds-5', responsible: { name: 'Шевчук О.Н.' } },
      ],
      directions: ['robotics'],
      validFrom: '2026-11-01',
      validTo: '2027-08-31',
    });
    expect(draft.status).toBe(201);
    const agreementId = draft.body.id;
    expect((await head3.post(`/api/agreements/${agreementId}/propose`)).body.status).toBe('proposed');
    await waitMail(SOSH3_HEAD_MAIL, /Соглашение № СВ-2026\/03 ожидает вашей подписи/);
    await waitMail(DS5_HEAD_MAIL, /Соглашение № СВ-2026\/03 ожидает вашей подписи/);
    expect((await head3.post(`/api/agreements/${agreementId}/sign`)).body.status).toBe('proposed');
    expect((await ds5.post(`/api/agreements/${agreementId}/sign`)).body.status).toBe('active');
    await waitMail(SOSH3_HEAD_MAIL, /вступило в силу/);
    await waitMail(DS5_HEAD_MAIL, /вступило в силу/);

    // The head of СОШ № 3 proposes a robot-launch master class for д/с № 5 (10 December, 10:00 Moscow).
    const proposed = await eventually(async () => {
      const res = await head3.post('/api/events', {
        hostId: 'sosh-3',
        title: 'Мастер-класс «Запуск роботов» для дошкольников',
        description: 'Собираем и запускаем роботов из конструктора вместе с воспитанниками детского сада.',
        kind: 'master_class',
        direction: 'robotics',
        venue: 'project-room',
        start: '2026-12-10T07:00:00.000Z',
        end: '2026-12-10T08:30:00.000Z',
        audience: ['preschoolers'],
        partners: ['ds-5'],
        agreementId,
        capacity: { seats: 12 },
      });
      // The calendar learns of the agreement from its events: retry until it has.
      return res.status === 201 ? res : undefined;
    }, 15_000);
    const eventId = proposed.body.event.id;
    await waitMail(COORDINATOR, /Новое мероприятие на согласование: «Мастер-класс «Запуск роботов» для дошкольников»/);

    // The coordinator approves: the proposer hears, д/с № 5's head is invited with an .ics.
    const approved = await coordinator.post(`/api/events/${eventId}/approve`, { comment: 'Включено в план-график' });
    expect(approved.status).toBe(200);
    expect(approved.body.event.status).toBe('approved');
    await waitMail(HEAD3, /Мероприятие согласовано/);
    const invitation = await waitMail(DS5_HEAD_MAIL, /Новое мероприятие для вас/);
    const [invited] = icsOf(invitation);
    expect(invited).toMatchObject({ method: 'REQUEST', uid: `${eventId}@tochka-rosta`, tzid: 'Europe/Moscow', start: '2026-12-10T10:00:00' });
    expect(invitation.parsed.text).toMatch(/10 декабря 2026/);
    expect(invitation.parsed.html).toBeTruthy();

    // д/с № 5 subscribes to its calendar.
    const subscription = await ds5.post('/api/calendar-subscriptions', { scope: { kind: 'organization', organizationId: 'ds-5' } });
    expect(subscription.status).toBe(201);
    const feedPath = new URL(subscription.body.url).pathname;
    const feed = async () => {
      const res = await api.get(feedPath);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/calendar; charset=utf-8/);
      return parseIcs(res.text).find((e) => e.uid === `${eventId}@tochka-rosta`)!;
    };
    const inFeed = await eventually(feed);
    expect(inFeed).toMatchObject({ status: 'CONFIRMED', tzid: 'Europe/Moscow', start: '2026-12-10T10:00:00' });

    // The notifications service dies; the story goes on; it comes back (the launcher restarts it).
    const killed = stack.pids().notifications;
    process.kill(killed, 'SIGKILL');

    // д/с № 5 registers «Солнышко» (12 children): confirmed. «Радуга» (2 children): waitlisted.
    const adults = [{ name: 'Иванова М.П., воспитатель', phone: '+7 918 000-00-01' }];
    const first = await ds5.post(`/api/events/${eventId}/registrations`, {
      groupName: 'старшая группа «Солнышко»',
      children: 12,
      ageBand: '5–6 лет',
      adults,
      contactEmail: SOLNYSHKO,
    });
    expect(first.status).toBe(201);
    expect(first.body.status).toBe('confirmed');
    const second = await ds5.post(`/api/events/${eventId}/registrations`, {
      groupName: 'подготовительная группа «Радуга»',
      children: 2,
      ageBand: '6–7 лет',
      adults,
      contactEmail: RADUGA,
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

    await eventually(() => stack.pids().notifications && stack.pids().notifications !== killed, 15_000);
    const confirmedMail = await waitMail(SOLNYSHKO, /зарегистрирована/);
    expect(confirmedMail.parsed.text).toMatch(/12 детей/);
    expect(icsOf(confirmedMail)[0]).toMatchObject({ method: 'REQUEST', uid: `${eventId}@tochka-rosta` });
    const waitlistMail = await waitMail(RADUGA, /в листе ожидания/);
    expect(waitlistMail.parsed.text).toMatch(/2 ребёнка/);

    // «Солнышко» cancels; «Радуга» is promoted at once.
    expect((await ds5.post(`/api/registrations/${first.body.id}/cancel`, {})).body.status).toBe('cancelled');
    await eventually(async () => (await ds5.get(`/api/registrations/${second.body.id}`)).body.status === 'confirmed');
    await waitMail(SOLNYSHKO, /отменена/);
    const promoted = await waitMail(RADUGA, /Место освободилось/);
    expect(icsOf(promoted)[0].uid).toBe(`${eventId}@tochka-rosta`);

    // The host moves the class to 11 December: host, partner and the registered group hear, with a higher SEQUENCE.
    const rescheduled = await head3.post(`/api/events/${eventId}/reschedule`, { start: '2026-12-11T07:00:00.000Z', end: '2026-12-11T08:30:00.000Z' });
    expect(rescheduled.status).toBe(200);
    const moved = await feed();
    expect(moved.start).toBe('2026-12-11T10:00:00');
    expect(moved.sequence).toBeGreaterThan(inFeed.sequence);
    for (const to of [SOSH3_HEAD_MAIL, DS5_HEAD_MAIL, RADUGA]) {
      const mail = await waitMail(to, /Мероприятие перенесено/);
      const [ics] = icsOf(mail);
      expect(ics).toMatchObject({ uid: `${eventId}@tochka-rosta`, start: '2026-12-11T10:00:00' });
      expect(ics.sequence).toBeGreaterThan(invited.sequence);
    }

    // Then it is cancelled: METHOD:CANCEL to the same people; the feed keeps it as cancelled.
    expect((await head3.post(`/api/events/${eventId}/cancel`, { reason: 'Карантин в детском саду' })).status).toBe(200);
    for (const to of [SOSH3_HEAD_MAIL, DS5_HEAD_MAIL, RADUGA]) {
      const [ics] = icsOf(await waitMail(to, /Мероприятие отменено/));
      expect(ics).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: `${eventId}@tochka-rosta` });
    }
    const cancelled = await feed();
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.summary).toMatch(/ОТМЕНЕНО/);
    expect(cancelled.sequence).toBeGreaterThan(moved.sequence);
    await waitMail(RADUGA, /Регистрация группы «подготовительная группа «Радуга»» отменена/);

    // Every expected mail arrived exactly once, the restart notwithstanding.
    await new Promise((r) => setTimeout(r, 3000));
    const seen = new Map<string, number>();
    for (const m of sink.messages) for (const to of m.envelope.to) seen.set(`${to} | ${m.parsed.subject}`, (seen.get(`${to} | ${m.parsed.subject}`) ?? 0) + 1);
    expect([...seen.entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect(
      mailsTo(RADUGA)
        .map((m) => m.parsed.subject)
        .sort(),
    ).toEqual(
      [
        'Группа «подготовительная группа «Радуга»» в листе ожидания: «Мастер-класс «Запуск роботов» для дошкольников»',
        'Место освободилось: группа «подготовительная группа «Радуга»» зарегистрирована на «Мастер-класс «Запуск роботов» для дошкольников»',
        'Мероприятие перенесено: «Мастер-класс «Запуск роботов» для дошкольников»',
        'Мероприятие отменено: «Мастер-класс «Запуск роботов» для дошкольников»',
        'Регистрация группы «подготовительная группа «Радуга»» отменена: «Мастер-класс «Запуск роботов» для дошкольников»',
      ].sort(),
    );
    // No raw ids in what people read (links may carry them).
    const texts = sink.messages.map((m) => (m.parsed.text ?? '').replace(/https?:\/\/\S+/g, ''));
    expect(texts.filter((t) => /[0-9a-f]{24}/.test(t))).toEqual([]);
  }, 180_000);
});
