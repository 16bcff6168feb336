import { createConnection, Types } from 'mongoose';
import { Actor, notificationRpcs, registrationEvents } from '@tochka/contracts';
import { startNotifications } from '@tochka/notifications';
import { RunningService } from '@tochka/runtime';
import { createTestEnv, eventually, hostPortOf, SmtpSink, startSmtpSink, TcpProxy, TestEnv } from '@tochka/testing';
import { calendarEvent, publish, registration, settle, summaryOf } from './fixtures';
import { RefusingSmtp, startRefusingSmtp } from './refusing-smtp';

/** A sender that looks often, retries soon after an outage and holds short leases: what these tests wait for comes quickly. */
const QUICK_SENDER = { NOTIFICATION_POLL_MS: 50, NOTIFICATION_OUTAGE_RETRY_MS: 200, NOTIFICATION_LEASE_MS: 1000 };

const coordinator: Actor = { userId: '64b0000000000000000000c1', role: 'coordinator', organizationId: 'mk-moshr' };
const event = calendarEvent({ title: 'Мастер-класс по ЛЕГО' });

/** A waitlisting mail to `contact`: needs nothing else in the read models. */
const waitlist = (service: RunningService, contact: string) =>
  publish(service.runtime.bus, registrationEvents.waitlisted, {
    registration: registration(event, { contactEmail: contact, status: 'waitlisted', waitlistPosition: 1 }),
    event: summaryOf(event),
  });

const logOf = async (service: RunningService, recipient: string) =>
  (await service.runtime.bus.rpc.request(notificationRpcs.list, { actor: coordinator, query: { recipient } })).items;

/** The rendered body stored with a notification, if it still has one. */
const bodyOf = async (service: RunningService, id: string) =>
  (await service.runtime.mongo.collection('notifications').findOne({ _id: new Types.ObjectId(id) }, { projection: { body: 1 } }))?.body as
    | { text: string; html: string }
    | undefined;

/** A queued, due mail as the service stores it (with `lane` unless an older version queued it). */
const queuedMail = (_id: Types.ObjectId, recipient: string, extra: Record<string, unknown> = {}) => ({
  _id,
  sourceEventId: `direct-${_id.toHexString()}`,
  sourceType: 'registration.waitlisted',
  recipient,
  template: 'registration_waitlisted',
  category: 'registration_results',
  subject: 'Группа в листе ожидания',
  hasCalendar: false,
  body: { text: 'Здравствуйте!', html: '<p>Здравствуйте!</p>' },
  status: 'queued',
  attempts: 0,
  nextAttemptAt: new Date(),
  createdAt: new Date(),
  ...extra,
});

describe('delivery: SMTP outage', () => {
  let env: TestEnv;
  let sink: SmtpSink;
  let service: RunningService;
  const start = () =>
    startNotifications({
      overrides: env.overrides('notifications', { SMTP_URL: sink.url, ...QUICK_SENDER }),
    });

  beforeAll(async () => {
    env = createTestEnv();
    sink = await startSmtpSink();
    service = await start();
  });

  afterAll(async () => {
    await service?.close();
    await sink?.close();
    await env?.cleanup();
  });

  it('loses nothing: mails queued while SMTP is down go out, once each, when it is back', async () => {
    await sink.stop();
    const contacts = ['a@outage.test', 'b@outage.test', 'c@outage.test'];
    for (const c of contacts) await waitlist(service, c);
    const stuck = await eventually(async () => {
      const items = (await Promise.all(contacts.map((c) => logOf(service, c)))).flat();
      return items.length === 3 && items.every((n) => n.lastError) ? items : undefined;
    });
    for (const n of stuck) {
      // An unreachable server spends no attempt and fails nothing.
      expect(n).toMatchObject({ status: 'queued', attempts: 0 });
      expect(n.lastError).toMatch(/ECONNREFUSED/);
      // Queued: the rendered mail waits in the notification itself; the log does not show it.
      expect((await bodyOf(service, n.id))?.text).toMatch(/листе ожидания/);
      expect(n).not.toHaveProperty('body');
    }
    await settle(500);
    expect((await logOf(service, 'a@outage.test'))[0].status).toBe('queued');

    await sink.start();
    await sink.waitFor((m) => contacts.some((c) => m.envelope.to.includes(c)), { count: 3 });
    await settle(400);
    for (const c of contacts) {
      expect(sink.to(c)).toHaveLength(1);
      const [n] = await logOf(service, c);
      expect(n).toMatchObject({ status: 'sent', attempts: 1 });
      // Delivered: the log keeps the metadata, the body is gone (removed by the same write).
      expect(await bodyOf(service, n.id)).toBeUndefined();
    }
  });

  it("a mail in a lane held by an instance that died goes out once that holder's lease slots have passed", async () => {
    // What a crashed instance leaves behind: the mail queued and due, its lane's keys (this slot
    // and the next two: 2–3 s at a 1 s lease) in notification_claims.
    const _id = new Types.ObjectId();
    const lane = 5;
    const mongo = service.runtime.mongo;
    const slot = Math.floor(Date.now() / 1000);
    await mongo
      .collection<{ _id: string }>('notification_claims')
      .insertMany([0, 1, 2].map((k) => ({ _id: `lane:${lane}:${slot + k}`, at: new Date(), holder: 'dead-instance' })));
    await mongo.collection('notifications').insertOne(queuedMail(_id, 'after-crash@outage.test', { lane }));
    // A fresh instance, as after a restart.
    await service.close();
    service = await start();
    await settle(300);
    expect(sink.to('after-crash@outage.test')).toHaveLength(0);
    const [mail] = await sink.waitFor((m) => m.envelope.to.includes('after-crash@outage.test'));
    // Not before the dead holder's last slot had ended.
    expect(mail!.receivedAt.getTime()).toBeGreaterThanOrEqual((slot + 3) * 1000);
    await settle(300);
    expect(sink.to('after-crash@outage.test')).toHaveLength(1);
    expect(sink.to('after-crash@outage.test')[0]!.parsed.text).toContain('Здравствуйте!');
    expect((await logOf(service, 'after-crash@outage.test'))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await bodyOf(service, _id.toHexString())).toBeUndefined();
  });

  it('a mail queued before the upgrade, its body still in notification_contents, goes out once from there', async () => {
    // What an older version left behind: the log entry without a body, the body in a collection of its own.
    const _id = new Types.ObjectId();
    const mongo = service.runtime.mongo;
    await mongo.collection('notification_contents').insertOne({ _id, text: 'Письмо старой версии', html: '<p>Письмо старой версии</p>' });
    await mongo.collection('notifications').insertOne({
      _id,
      sourceEventId: 'upgrade-test',
      sourceType: 'registration.waitlisted',
      recipient: 'before-upgrade@outage.test',
      template: 'registration_waitlisted',
      category: 'registration_results',
      subject: 'Группа в листе ожидания',
      hasCalendar: false,
      status: 'queued',
      attempts: 0,
      nextAttemptAt: new Date(),
      createdAt: new Date(),
    });
    const [mail] = await sink.waitFor((m) => m.envelope.to.includes('before-upgrade@outage.test'));
    expect(mail!.parsed.text).toContain('Письмо старой версии');
    await eventually(async () => (await mongo.collection('notification_contents').countDocuments({ _id })) === 0);
    await settle(300);
    expect(sink.to('before-upgrade@outage.test')).toHaveLength(1);
    expect((await logOf(service, 'before-upgrade@outage.test'))[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });
});

describe('delivery: a server that refuses', () => {
  let env: TestEnv;
  let smtp: RefusingSmtp;
  let service: RunningService;

  beforeAll(async () => {
    env = createTestEnv();
    smtp = await startRefusingSmtp();
    service = await startNotifications({
      overrides: env.overrides('notifications', {
        SMTP_URL: smtp.url,
        NOTIFICATION_POLL_MS: 50,
        NOTIFICATION_MAX_ATTEMPTS: 3,
        NOTIFICATION_RETRY_MS: '100,200',
      }),
    });
  });

  afterAll(async () => {
    await service?.close();
    await smtp?.close();
    await env?.cleanup();
  });

  it('retries with backoff, then marks the mail failed with the last error; the coordinator re-queues it', async () => {
    await waitlist(service, 'refused@ds5.test');
    const [failed] = await eventually(async () => {
      const items = await logOf(service, 'refused@ds5.test');
      return items[0]?.status === 'failed' ? items : undefined;
    });
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, failedAt: expect.any(String) });
    expect(failed.lastError).toContain('550 5.1.1 Mailbox unavailable');
    expect(failed.nextAttemptAt).toBeUndefined();
    // Not delivered: the body stays for a retry.
    expect((await bodyOf(service, failed.id))?.text).toMatch(/листе ожидания/);
    await settle(400);
    expect((await logOf(service, 'refused@ds5.test'))[0].attempts).toBe(3); // no more tries after the limit
    expect(smtp.accepted).toBe(0);

    const failedOnly = await service.runtime.bus.rpc.request(notificationRpcs.list, { actor: coordinator, query: { status: 'failed' } });
    expect(failedOnly.items.map((n) => n.id)).toEqual([failed.id]);

    const staff: Actor = { userId: '64b0000000000000000000d1', role: 'staff', organizationId: 'ds-5' };
    await expect(service.runtime.bus.rpc.request(notificationRpcs.retry, { actor: staff, id: failed.id })).rejects.toMatchObject({ status: 403 });

    smtp.refusing = false;
    const requeued = await service.runtime.bus.rpc.request(notificationRpcs.retry, { actor: coordinator, id: failed.id });
    expect(requeued).toMatchObject({ status: 'queued', attempts: 0 });
    await eventually(async () => (await logOf(service, 'refused@ds5.test'))[0].status === 'sent');
    expect(smtp.accepted).toBe(1);
    expect(await bodyOf(service, failed.id)).toBeUndefined();
  });
});

describe('delivery: a send that outlasts the lease', () => {
  let env: TestEnv;
  let sink: SmtpSink;
  let first: RunningService;
  let second: RunningService;
  // Short, but with room for a slow database under a loaded CI machine: the lane extended every 0.8 s.
  const LEASE_MS = 2500;

  beforeAll(async () => {
    env = createTestEnv();
    // Each message is answered 7 s after its data: almost three leases.
    sink = await startSmtpSink({ acceptDelayMs: 7000 });
    const overrides = env.overrides('notifications', { SMTP_URL: sink.url, NOTIFICATION_POLL_MS: 50, NOTIFICATION_LEASE_MS: LEASE_MS });
    [first, second] = await Promise.all([startNotifications({ overrides }), startNotifications({ overrides })]);
  });

  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
    await sink?.close();
    await env?.cleanup();
  });

  it('is sent once: the sender keeps its lane while the server has the mail; Message-ID names the notification', async () => {
    const contacts = ['slow-a@lease.test', 'slow-b@lease.test', 'slow-c@lease.test'];
    for (const c of contacts) await waitlist(first, c);
    const sent = await eventually(async () => {
      const items = (await Promise.all(contacts.map((c) => logOf(first, c)))).flat();
      return items.length === 3 && items.every((n) => n.status === 'sent') ? items : undefined;
    }, 30_000);
    // A lease and a send for a second claim to show up, had one been made.
    await settle(LEASE_MS + 7500);
    for (const n of sent) {
      const mails = sink.to(n.recipient);
      expect({ recipient: n.recipient, mails: mails.length }).toEqual({ recipient: n.recipient, mails: 1 });
      expect(mails[0]!.parsed.messageId).toBe(n.smtpMessageId);
      expect(mails[0]!.parsed.messageId).toMatch(new RegExp(`^<${n.id}@`));
      expect((await logOf(first, n.recipient))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    }
  });
});

describe('delivery: the database lost just as the SMTP server takes the mail', () => {
  let env: TestEnv;
  let sink: SmtpSink;
  let db: TcpProxy;
  let service: RunningService;
  const CONTACT = 'db-lost@outage.test';
  // Longer than the driver's server selection (3 s): the write of `sent` fails, not just waits.
  const OUTAGE_MS = 5000;
  let cutAt = 0;
  let restored: Promise<void> | undefined;

  beforeAll(async () => {
    env = createTestEnv();
    db = await TcpProxy.start(hostPortOf(env.mongoUrl));
    // The cable is pulled when the sink has the mail, before its 250 reaches the sender.
    sink = await startSmtpSink({
      onMessage: (m) => {
        if (cutAt || !m.envelope.to.includes(CONTACT)) return;
        cutAt = Date.now();
        restored = db
          .cut()
          .then(() => new Promise<void>((r) => setTimeout(r, OUTAGE_MS)))
          .then(() => db.restore());
      },
    });
    service = await startNotifications({
      overrides: env.overrides('notifications', {
        MONGO_URL: db.rewrite(env.mongoUrl),
        SMTP_URL: sink.url,
        NOTIFICATION_POLL_MS: 50,
        NOTIFICATION_LEASE_MS: 1000,
      }),
    });
  });

  afterAll(async () => {
    await service?.close();
    await sink?.close();
    await db?.close();
    await env?.cleanup();
  });

  it('is recorded as sent once the database is back, and not sent again', async () => {
    await waitlist(service, CONTACT);
    // Before the fix the write failed, the mail stayed queued and went again after its 1 s lease.
    const [n] = await eventually(async () => {
      const items = await logOf(service, CONTACT);
      return items[0]?.status === 'sent' ? items : undefined;
    }, 60_000);
    expect(cutAt).toBeGreaterThan(0);
    await restored;
    expect(n).toMatchObject({ status: 'sent', attempts: 1 });
    // Sent, so never claimed again: what the sink has now is all it will get.
    expect(sink.to(CONTACT).map((m) => m.parsed.messageId)).toEqual([n!.smtpMessageId]);
  }, 90_000);
});

describe('delivery: lanes', () => {
  let env: TestEnv;
  // One sink per instance: which sink a mail reached says which instance sent it.
  let sinks: SmtpSink[];
  let services: RunningService[];

  beforeAll(async () => {
    env = createTestEnv();
    sinks = await Promise.all([startSmtpSink(), startSmtpSink()]);
    services = await Promise.all(
      sinks.map((sink) =>
        startNotifications({
          overrides: env.overrides('notifications', { SMTP_URL: sink.url, ...QUICK_SENDER, NOTIFICATION_BATCH_SIZE: 5 }),
        }),
      ),
    );
  });

  afterAll(async () => {
    await Promise.all(services?.map((s) => s.close()) ?? []);
    await Promise.all(sinks?.map((s) => s.close()) ?? []);
    await env?.cleanup();
  });

  const received = (recipient: string) => sinks.flatMap((sink) => sink.to(recipient));

  it('two instances on one queue share its lanes and never send a mail twice', async () => {
    await Promise.all(sinks.map((sink) => sink.stop()));
    const contacts = Array.from({ length: 160 }, (_, i) => `shared-${i}@lanes.test`);
    for (const c of contacts) await waitlist(services[0]!, c);
    const mongo = services[0]!.runtime.mongo;
    await eventually(async () => (await mongo.collection('notifications').countDocuments({ recipient: /@lanes\.test$/ })) === contacts.length);
    await Promise.all(sinks.map((sink) => sink.start()));
    await eventually(
      async () => (await mongo.collection('notifications').countDocuments({ recipient: /@lanes\.test$/, status: 'sent' })) === contacts.length,
      60_000,
    );
    await settle(500);
    for (const c of contacts) expect({ c, mails: received(c).length }).toEqual({ c, mails: 1 });
    // Both sent: each held some of the lanes.
    for (const sink of sinks) expect(sink.messages.filter((m) => m.envelope.to[0]?.endsWith('@lanes.test')).length).toBeGreaterThan(0);
  });

  it('sends every mail of a lane, batch after batch, lanes given by the holder to mails queued without one', async () => {
    const mongo = services[0]!.runtime.mongo;
    // 23 mails in lane 9 (almost five batches of 5), 7 of them as an older version queued them: no lane.
    // Ids ending in 9: lane 9 (laneOf), so the lane-less ones belong to it too.
    const mails = Array.from({ length: 23 }, (_, i) =>
      queuedMail(new Types.ObjectId(`64b1${String(i).padStart(19, '0')}9`), `lane9-${i}@lanes.test`, i < 16 ? { lane: 9 } : {}),
    );
    await mongo.collection('notifications').insertMany(mails);
    await eventually(async () => (await mongo.collection('notifications').countDocuments({ recipient: /^lane9-/, status: 'sent' })) === mails.length, 60_000);
    await settle(300);
    for (const m of mails) expect({ to: m.recipient, mails: received(m.recipient).length }).toEqual({ to: m.recipient, mails: 1 });
    expect(await mongo.collection('notifications').countDocuments({ recipient: /^lane9-/, lane: 9 })).toBe(mails.length);
  });

  it('an instance that stops gives its lanes back', async () => {
    for (let i = 0; i < 40; i++) await waitlist(services[0]!, `stopping-${i}@lanes.test`);
    // Stop both while they may be sending: what they hold is given back once their sends are over.
    await Promise.all(services.map((s) => s.close()));
    services = [];
    const db = await createConnection(env.mongoUrl, { dbName: env.dbName('notifications') }).asPromise();
    try {
      expect(await db.collection('notification_claims').countDocuments({ _id: /^lane:/ as never })).toBe(0);
    } finally {
      await db.close();
    }
  });
});
