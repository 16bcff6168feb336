import { naming, userEvents } from '@tochka/contracts';
import { createEvent, publishEvent } from '@tochka/messaging';
import { baseConfigSchema, RunningService, runDlqCli, startService } from '@tochka/runtime';
import { BusProbe, createTestEnv, eventually, TestEnv } from '@tochka/testing';
import { broken, ProbeModule, received } from './fixture';

const user = (id: string, name: string) => ({
  user: { id, email: `${id}@example.test`, name, role: 'staff' as const, organizationId: 'org1', active: true, version: 1 },
});

describe('pnpm dlq: list the dead-letter stream and replay chosen messages', () => {
  let env: TestEnv;
  let probe: BusProbe;
  let service: RunningService;

  const dlq = async (...argv: string[]) => {
    const lines: string[] = [];
    const errors: string[] = [];
    const code = await runDlqCli(
      argv,
      { NATS_URL: env.natsUrl, SUBJECT_PREFIX: env.prefix },
      { log: (l: string) => lines.push(l), error: (l: string) => errors.push(l) },
    );
    return { code, lines, errors };
  };

  beforeAll(async () => {
    env = createTestEnv();
    probe = await BusProbe.connect(env);
    service = await startService({
      service: 'notifications',
      configSchema: baseConfigSchema,
      module: ProbeModule,
      overrides: env.overrides('notifications', { EVENT_MAX_DELIVER: 2, EVENT_BACKOFF_MS: '100' }),
    });
  });

  afterAll(async () => {
    await service?.close();
    await probe?.close();
    await env?.cleanup();
  });

  it('lists nothing on an empty stream, and explains its usage when called wrongly', async () => {
    expect(await dlq('list')).toEqual({ code: 0, lines: ['dead-letter stream is empty'], errors: [] });
    const wrong = await dlq('replay', 'abc');
    expect(wrong.code).toBe(2);
    expect(wrong.errors.join('\n')).toContain('pnpm dlq replay <seq>');
  });

  it('lists what a consumer gave up on, and replays the chosen ones once the fault is fixed', async () => {
    const js = probe.nc.jetstream();
    broken.add('u-dlq-1');
    broken.add('u-dlq-2');
    const first = createEvent(userEvents.created, user('u-dlq-1', 'Первый'));
    const second = createEvent(userEvents.created, user('u-dlq-2', 'Второй'));
    await publishEvent(js, env.prefix, first);
    await publishEvent(js, env.prefix, second);
    await eventually(async () => (await probe.deadLetters()).length === 2);

    const listed = await dlq('list', '--json');
    expect(listed.code).toBe(0);
    const letters = JSON.parse(listed.lines[0] ?? '[]') as {
      seq: number;
      eventId: string;
      consumer: string;
      reason: string;
      deliveries: number;
      eventType: string;
      originalSubject: string;
    }[];
    expect(letters.map((l) => l.eventId)).toEqual([first.id, second.id]);
    expect(letters[0]).toMatchObject({
      consumer: 'notifications',
      reason: 'handler_failed',
      deliveries: 2,
      eventType: 'user.created',
      originalSubject: naming.eventSubject(env.prefix, 'user.created'),
    });
    const readable = await dlq('list');
    expect(readable.lines).toHaveLength(2);
    expect(readable.lines[0]).toContain(`#${letters[0]?.seq}`);
    expect(readable.lines[0]).toContain('reason=handler_failed');
    expect(readable.lines[0]).toContain('cannot handle Первый');

    // The fault is fixed: replay only the first; an unknown number is named, the rest still done.
    broken.clear();
    const firstSeq = letters[0]?.seq ?? 0;
    const replay = await dlq('replay', String(firstSeq), '9999');
    expect(replay.code).toBe(1);
    expect(replay.lines).toEqual([`#${firstSeq} replayed to ${naming.eventSubject(env.prefix, 'user.created')}`]);
    expect(replay.errors).toEqual(['#9999 not replayed: нет такого сообщения в очереди недоставленных']);
    await eventually(() => received.some((r) => r.id === 'u-dlq-1'));
    const left = JSON.parse((await dlq('list', '--json')).lines[0] ?? '[]') as { eventId: string }[];
    expect(left.map((l) => l.eventId)).toEqual([second.id]);
    expect(received.some((r) => r.id === 'u-dlq-2')).toBe(false);

    // Replaying the same dead letter again is refused (it is gone), and the event was handled once.
    expect((await dlq('replay', String(firstSeq))).code).toBe(1);
    await publishEvent(js, env.prefix, createEvent(userEvents.created, user('u-dlq-after', 'После')));
    await eventually(() => received.some((r) => r.id === 'u-dlq-after'));
    expect(received.filter((r) => r.id === 'u-dlq-1')).toHaveLength(1);
  });
});
