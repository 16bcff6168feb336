/**
 * The fault suite (issue 11): the whole network as real processes (the launcher's supervisor, one
 * process per service) on a NATS server and a FerretDB of its own, mail to an SMTP sink. Each
 * round opens a master class of 20 seats and lets 16 groups of two children register at once
 * (each client sends a failed request again with its Idempotency-Key); every registration is a
 * mail to its group's contact, so a burst is also a mail wave. During each round one thing breaks:
 * kill -9 of a service (the supervisor starts it again), kill -9 and restart of nats-server or
 * FerretDB, the SMTP server stopped and started. After each round:
 * - no 500 (503 only with Retry-After, 504 and lost connections allowed while something is down);
 * - every registration answered 201 is listed once, with the status it was told; confirmed
 *   children ≤ seats, waitlist 1..n;
 * - every contact got its mail; a second copy only as the README's guarantee allows (kill -9 of
 *   notifications: at most the batches of the lanes it had in flight, same Message-ID; otherwise none), no
 *   mail queued or failed left in the delivery log;
 * - /health is 200 again.
 * Deadlines are derived from how long this machine took to boot the network (and the slowest
 * recovery seen so far), bounded; nothing sleeps for a fixed time but the SMTP outage itself.
 * A summary line with the figures is printed at the end (README, Security suites).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@tochka/gateway';
import {
  AnswerTally,
  Api,
  derivedDeadline,
  mailCopies,
  OwnFerretDb,
  SmtpSink,
  sendUntilAccepted,
  startOwnFerretDb,
  startSmtpSink,
  waitUntil,
} from '@tochka/testing';
import { isPortFree } from '../src/backing';
import { EmbeddedNats, findNatsServer, startEmbeddedNats } from '../src/embedded-nats';
import { Console } from '../src/format';
import { missingEntries } from '../src/processes';
import { REPO_ROOT, SERVICES, settingsOn } from '../src/settings';
import { DevStack } from '../src/start';
import { daysAhead, KINDERGARTENS, MasterClass, setUpMasterClass } from './burst-fixture';
import { health, isAlive, portsInRange } from './launcher-harness';

const PASSWORD = 'пароль-сбоев-района';
const COORDINATOR = 'metodist@mk-moshr.test';
const SEATS = 20;
const GROUPS = 16; // of 2 children: 10 confirmed, 6 waitlisted
const BATCH = 10; // NOTIFICATION_BATCH_SIZE: mails one sender lane has in flight at most
const LANES_IN_FLIGHT = 4; // lanes one sender sends at once (services/notifications/src/delivery/sender.ts)
/** Tuning of the stack under test: short redelivery and lease, so a killed consumer's work comes back soon. */
const TUNING: Record<string, string> = {
  JETSTREAM_STORAGE: 'file', // the streams outlive a NATS restart
  EVENT_BACKOFF_MS: '200,500,1000',
  EVENT_ACK_WAIT_MS: '5000',
  OUTBOX_SWEEP_MS: '300',
  OUTBOX_GROUP_STALE_MS: '2000', // a killed registrations' staged commit groups go out 2 s on (default 15 s)
  NOTIFICATION_LEASE_MS: '5000',
  NOTIFICATION_BATCH_SIZE: String(BATCH),
  NOTIFICATION_OUTAGE_RETRY_MS: '2000', // after an SMTP outage, try again in 2 s (default 30 s)
};

interface RoundFigures {
  fault: string;
  requests: string;
  serverErrors: number;
  fiveHundreds: number;
  lost: number;
  overbooked: number;
  mails: number;
  extraCopies: number;
  allowedCopies: number;
  recoveredS: number;
  acceptedS: number;
  mailedS: number;
}

describe('fault suite: kill -9 of every service, NATS and database restarts, an SMTP outage', () => {
  let dir: string;
  let nats: EmbeddedNats;
  let natsBinary: string;
  let natsPort: number;
  let ferret: OwnFerretDb;
  let sink: SmtpSink;
  let stack: DevStack;
  let port: number;
  let api: Api;
  let coordinator: Api;
  let mc: MasterClass;
  let bootMs = 0;
  let slowestRecoveryMs = 0;
  const figures: RoundFigures[] = [];
  const logs: string[] = [];
  const quietConsole: Console = {
    log: (source, level, message) => logs.push(`${source} ${level} ${message}`),
    raw: (text) => logs.push(text),
  };

  /** How long to wait for the network to come back: from its boot time and the slowest recovery so far. */
  const recoveryDeadline = () => derivedDeadline(Math.max(bootMs, 2 * slowestRecoveryMs), { factor: 2, extraMs: 15_000, minMs: 45_000, maxMs: 120_000 });

  beforeAll(async () => {
    if (missingEntries(REPO_ROOT, SERVICES).length) throw new Error('run pnpm build first');
    dir = mkdtempSync(join(tmpdir(), 'tochka-faults-'));
    natsBinary = await findNatsServer(REPO_ROOT, () => undefined);
    [natsPort] = (await portsInRange(1, 0, 4300, 4399)) as [number];
    nats = await startEmbeddedNats({ binary: natsBinary, dataDir: join(dir, 'nats'), preferredPort: natsPort });
    natsPort = Number(new URL(nats.url).port); // the restart must come back on this one
    ferret = await startOwnFerretDb({ stateDir: join(dir, 'ferretdb'), port: 27300 });
    sink = await startSmtpSink();
    [port] = (await portsInRange(1, 0, 18590, 18599)) as [number];
    const prefix = `faults${randomBytes(3).toString('hex')}`;
    const saved = Object.fromEntries(Object.keys(TUNING).map((k) => [k, process.env[k]]));
    Object.assign(process.env, TUNING);
    const started = Date.now();
    try {
      stack = new DevStack(settingsOn({ natsUrl: nats.url, mongoUrl: ferret.url, smtpUrl: sink.url, prefix, port, dataDir: join(dir, 'data') }), {
        steps: [],
        console: quietConsole,
        healthTimeoutMs: 150_000,
      });
      await stack.start();
    } finally {
      // The children have their environment; later test files in this worker get the old one.
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    bootMs = Date.now() - started;
    api = new Api(`http://127.0.0.1:${port}`);
    const created = await runCli(
      ['users:create', '--email', COORDINATOR, '--role', 'coordinator', '--org', 'mk-moshr', '--name', 'Бондаренко И.В.'],
      { MONGO_URL: ferret.url, MONGO_DB_PREFIX: prefix, NATS_URL: nats.url, SUBJECT_PREFIX: prefix, USER_PASSWORD: PASSWORD },
      { log: () => undefined, error: (s: string) => logs.push(s) } as unknown as Console & typeof console,
    );
    expect(created).toBe(0);
    coordinator = await api.login(COORDINATOR, PASSWORD);
    mc = await setUpMasterClass(api, coordinator, PASSWORD);
  }, 240_000);

  afterAll(async () => {
    if (figures.length) {
      const f = (x: RoundFigures) =>
        `${x.fault}: ${x.requests}; 5xx ${x.serverErrors} (500: ${x.fiveHundreds}), lost ${x.lost}, overbooked ${x.overbooked}, ` +
        `mails ${x.mails} (+${x.extraCopies} copies, allowed ${x.allowedCopies}), health back ${x.recoveredS} s, all accepted ${x.acceptedS} s, all mailed ${x.mailedS} s`;
      process.stdout.write(
        `fault suite (boot ${Math.round(bootMs / 100) / 10} s, ${figures.length} faults survived):\n${figures.map((x) => `  ${f(x)}`).join('\n')}\n`,
      );
    }
    if (process.env.FAULTS_LOGS) process.stdout.write(`${logs.join('\n')}\n`);
    const pids = Object.values(stack?.pids() ?? {});
    await stack?.stop();
    for (const pid of pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    await nats?.stop();
    await ferret?.close().catch((err: Error) => process.stderr.write(`${err.message}\n`));
    await sink?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const seconds = (ms: number) => Math.round(ms / 100) / 10;

  /** A master class of SEATS seats `round` days after the first one (a room holds one event at a time). */
  async function openEvent(round: number): Promise<string> {
    const proposed = await mc.head.post('/api/events', {
      hostId: 'sosh-3',
      title: `Мастер-класс «Роботы-помощники», поток ${round}`,
      description: 'Собираем роботов из конструктора вместе с воспитанниками детских садов.',
      kind: 'master_class',
      direction: 'robotics',
      venue: 'hall',
      start: daysAhead(13 + round),
      end: daysAhead(13 + round, 9),
      audience: ['preschoolers'],
      partners: KINDERGARTENS,
      agreementId: mc.agreementId,
      capacity: { seats: SEATS },
    });
    if (proposed.status !== 201) throw new Error(`propose round ${round}: ${proposed.status} ${proposed.text}`);
    const eventId = proposed.body.event.id as string;
    const approved = await coordinator.post(`/api/events/${eventId}/approve`, {});
    if (approved.status !== 200) throw new Error(`approve round ${round}: ${approved.status} ${approved.text}`);
    const list = () => mc.head.get(`/api/events/${eventId}/registrations`);
    await waitUntil(`registrations learning of the event of round ${round}`, async () => (await list()).status === 200, recoveryDeadline(), {
      describe: async () => `${(await list()).status}`,
    });
    return eventId;
  }

  const healthy = async () => (await health(port).catch(() => ({ status: 0 }))).status === 200;

  /** kill -9 of one service process; resolves once the supervisor has started it again. */
  async function kill9(name: string): Promise<void> {
    const pid = stack.pids()[name];
    if (!pid) throw new Error(`${name} is not running (pids: ${JSON.stringify(stack.pids())})`);
    process.kill(pid, 'SIGKILL');
    await waitUntil(`the supervisor starting ${name} again after kill -9`, () => (stack.pids()[name] ?? pid) !== pid, recoveryDeadline(), {
      describe: () => logs.slice(-5).join(' / '),
    });
  }

  interface Fault {
    name: string;
    /**
     * When to break it: after the n-th accepted registration, after the n-th mail of the round, or
     * (`wave`) once the burst's mails are out and `wave` has started another wave of mails.
     */
    after: { accepted: number } | { mails: number } | { wave: (eventId: string, contacts: string[]) => Promise<{ to: string[]; subject: RegExp }> };
    inject(): Promise<void>;
    /** Copies of a mail the README's guarantee allows for this fault. */
    allowedCopies?: number;
  }

  async function round(n: number, fault: Fault): Promise<void> {
    const eventId = await openEvent(n);
    const tally = new AnswerTally();
    const groups = Array.from({ length: GROUPS }, (_, g) => {
      const kg = KINDERGARTENS[g % KINDERGARTENS.length]!;
      return {
        k: g % KINDERGARTENS.length,
        key: `${eventId}-${g}`,
        body: {
          groupName: `группа ${n}-${g + 1}`,
          children: 2,
          ageBand: '5–6 лет',
          adults: [{ name: 'Воспитатель', phone: '+7 918 000-00-00' }],
          contactEmail: `g${g + 1}@r${n}.${kg}.test`,
        },
      };
    });
    const contacts = groups.map((g) => g.body.contactEmail);
    const mailsOfRound = () => sink.messages.filter((m) => m.envelope.to.some((to) => contacts.includes(to)));

    // The fault, once its moment comes (a registration counter or the round's mails in the sink).
    let injected: Promise<number> | undefined;
    const inject = () => {
      injected ??= (async () => {
        const at = Date.now();
        await fault.inject();
        return at;
      })();
    };
    let accepted = 0;
    if ('mails' in fault.after) {
      const wanted = fault.after.mails;
      void sink
        .waitFor((m) => m.envelope.to.some((to) => contacts.includes(to)), { count: wanted, timeoutMs: recoveryDeadline() })
        .then(inject, () => undefined);
    }
    const deadlineMs = recoveryDeadline() + 30_000;
    const results = await Promise.all(
      groups.map(async (g, i) => {
        await new Promise((r) => setTimeout(r, i * 100)); // the burst lasts 1.6 s: the fault lands in it
        const { res } = await sendUntilAccepted(
          `registration of ${g.body.groupName} (round ${n}, ${fault.name})`,
          () => mc.kinder[g.k]!.post(`/api/events/${eventId}/registrations`, g.body, { 'idempotency-key': g.key }),
          { deadlineMs, tally },
        );
        accepted += 1;
        if ('accepted' in fault.after && accepted === fault.after.accepted) inject();
        return { id: res.body.id as string, status: res.body.status as string, group: g.body.groupName };
      }),
    );
    const mailDeadline = recoveryDeadline() + 30_000;
    const missing = () => groups.filter((g) => !sink.to(g.body.contactEmail).some((m) => m.parsed.subject?.includes(`«${g.body.groupName}»`)));
    const registrationMails = () =>
      waitUntil(`the registration mails of round ${n} (${fault.name})`, () => missing().length === 0, mailDeadline, {
        describe: () =>
          `missing for ${missing()
            .map((g) => g.body.contactEmail)
            .join(', ')}`,
      });
    let more: { to: string[]; subject: RegExp } | undefined;
    if ('wave' in fault.after) {
      await registrationMails(); // notifications knows every group before the wave
      more = await fault.after.wave(eventId, contacts);
      inject();
    }
    if (!injected) inject(); // the burst was quicker than the mails: break it now, the wave is still on its way
    const faultAt = await injected!;
    const acceptedAt = Date.now();
    await waitUntil(`/health 200 after ${fault.name}`, healthy, recoveryDeadline(), {
      describe: async () => JSON.stringify((await health(port).catch((e: Error) => ({ body: e.message }))).body),
    });
    const recoveredMs = Date.now() - faultAt;
    slowestRecoveryMs = Math.max(slowestRecoveryMs, recoveredMs);

    // Nothing accepted lost, nothing overbooked, each as it was told.
    expect(tally.fiveHundreds).toEqual([]);
    expect(tally.withoutRetryAfter).toEqual([]);
    const list = await sendUntilAccepted(`the list of round ${n}`, () => mc.head.get(`/api/events/${eventId}/registrations?limit=100`), {
      deadlineMs: recoveryDeadline(),
    });
    const items = list.res.body.items as { id: string; status: string; children: number; waitlistPosition?: number }[];
    const byId = new Map(items.map((i) => [i.id, i]));
    const lost = results.filter((r) => !byId.has(r.id)).map((r) => r.group);
    const toldOtherwise = results.filter((r) => byId.get(r.id) && byId.get(r.id)!.status !== r.status).map((r) => `${r.group}: told ${r.status}`);
    expect({ lost, toldOtherwise, listed: items.length }).toEqual({ lost: [], toldOtherwise: [], listed: GROUPS });
    const confirmed = items.filter((i) => i.status === 'confirmed').reduce((s, i) => s + i.children, 0);
    expect(confirmed).toBeLessThanOrEqual(SEATS);
    const waitlist = items
      .filter((i) => i.status === 'waitlisted')
      .map((i) => i.waitlistPosition!)
      .sort((a, b) => a - b);
    expect(waitlist).toEqual(Array.from({ length: waitlist.length }, (_, i) => i + 1));

    // Every contact got its mail, then nothing is left queued or failed (no resend can follow).
    await registrationMails();
    let expectedMails = GROUPS;
    if (more) {
      const wave = more;
      const without = () => wave.to.filter((to) => !sink.to(to).some((m) => wave.subject.test(m.parsed.subject ?? '')));
      await waitUntil(`the mails ${wave.subject} of round ${n}`, () => without().length === 0, mailDeadline, {
        describe: () => `missing for ${without().join(', ')}`,
      });
      expectedMails += wave.to.length;
    }
    const settled = async () => {
      for (const status of ['queued', 'failed']) {
        const res = await coordinator.get(`/api/notifications?status=${status}&limit=1`);
        if (res.status !== 200 || res.body.total !== 0) return false;
      }
      return true;
    };
    await waitUntil(`the delivery log with no mail queued or failed (round ${n})`, settled, mailDeadline, {
      describe: async () =>
        `queued ${(await coordinator.get('/api/notifications?status=queued&limit=1')).body.total}, failed ${(await coordinator.get('/api/notifications?status=failed&limit=1')).body.total}`,
    });
    const mailedAt = Date.now();
    const copies = mailCopies(mailsOfRound());
    const allowed = fault.allowedCopies ?? 0;
    expect(copies.unrecognisable).toEqual([]);
    if (copies.extraCopies > allowed) {
      throw new Error(`${fault.name}: ${copies.extraCopies} second copies of mails, ${allowed} allowed: ${JSON.stringify(copies.duplicates)}`);
    }
    expect(await healthy()).toBe(true);

    figures.push({
      fault: fault.name,
      requests: `${tally.total} requests (${tally})`,
      serverErrors: tally.serverErrors,
      fiveHundreds: tally.fiveHundreds.length,
      lost: lost.length,
      overbooked: Math.max(0, confirmed - SEATS),
      mails: expectedMails,
      extraCopies: copies.extraCopies,
      allowedCopies: allowed,
      recoveredS: seconds(recoveredMs),
      acceptedS: seconds(Math.max(0, acceptedAt - faultAt)),
      mailedS: seconds(mailedAt - faultAt),
    });
  }

  const ROUND_MS = 240_000;
  let n = 0;

  it(
    'kill -9 of registrations during a registration burst',
    () => round(++n, { name: 'kill -9 registrations', after: { accepted: 5 }, inject: () => kill9('registrations') }),
    ROUND_MS,
  );

  it(
    'kill -9 of the gateway during a registration burst',
    () => round(++n, { name: 'kill -9 gateway', after: { accepted: 5 }, inject: () => kill9('gateway') }),
    ROUND_MS,
  );

  it(
    'kill -9 of notifications during a mail wave',
    () => round(++n, { name: 'kill -9 notifications', after: { mails: 3 }, inject: () => kill9('notifications'), allowedCopies: LANES_IN_FLIGHT * BATCH }),
    ROUND_MS,
  );

  it(
    'kill -9 of calendar right after it accepted a reschedule (its mail wave to every group)',
    () =>
      round(++n, {
        name: 'kill -9 calendar',
        after: {
          wave: async (eventId, contacts) => {
            const res = await mc.head.post(`/api/events/${eventId}/reschedule`, { start: daysAhead(40 + n), end: daysAhead(40 + n, 9) });
            if (res.status !== 200) throw new Error(`reschedule: ${res.status} ${res.text}`);
            return { to: contacts, subject: /Мероприятие перенесено/ };
          },
        },
        inject: () => kill9('calendar'),
      }),
    ROUND_MS,
  );

  it(
    'kill -9 of agreements and reports during a registration burst',
    () =>
      round(++n, {
        name: 'kill -9 agreements + reports',
        after: { accepted: 5 },
        inject: async () => {
          await Promise.all([kill9('agreements'), kill9('reports')]);
        },
      }),
    ROUND_MS,
  );

  it(
    'NATS killed and restarted during a registration burst',
    () =>
      round(++n, {
        name: 'NATS kill -9 + restart',
        after: { accepted: 5 },
        inject: async () => {
          const pid = nats.pid!;
          nats.killNow();
          await waitUntil('nats-server gone after SIGKILL', () => !isAlive(pid), 10_000);
          // The same port, or the services would never find it again: the old server's sockets may
          // hold it for a moment after the kill.
          nats = await waitUntil(
            `nats-server starting again on port ${natsPort}`,
            async () => {
              if (!(await isPortFree(natsPort, '127.0.0.1'))) return undefined;
              const again = await startEmbeddedNats({ binary: natsBinary, dataDir: join(dir, 'nats'), preferredPort: natsPort });
              if (again.url.endsWith(`:${natsPort}`)) return again;
              await again.stop(); // the port was taken between the check and the start
              return undefined;
            },
            20_000,
            { intervalMs: 100 },
          );
        },
      }),
    ROUND_MS,
  );

  it(
    'FerretDB killed and restarted during a registration burst and its mail wave',
    () =>
      round(++n, {
        name: 'FerretDB kill -9 + restart',
        after: { mails: 2 },
        inject: async () => {
          await ferret.kill();
          await ferret.restart();
        },
      }),
    ROUND_MS,
  );

  it(
    'SMTP server stopped during a mail wave and started again',
    () =>
      round(++n, {
        name: 'SMTP outage 3 s',
        after: { mails: 2 },
        inject: async () => {
          await sink.stop();
          await new Promise((r) => setTimeout(r, 3000)); // the outage itself
          await sink.start();
        },
      }),
    ROUND_MS,
  );
});
