import { startGateway } from '@tochka/gateway';
import { startRegistrations } from '@tochka/registrations';
import { RunningService } from '@tochka/runtime';
import { Api, CalendarFeed, createTestEnv, eventually, Started, startStack, TestEnv, userApi } from '@tochka/testing';
import { LedgerWriter } from '../src/ledger/ledger-writer';

const EVENTS = 20;
const PER_EVENT = 4;

/**
 * Two instances behind one gateway: the gateway sends every request about one event to one
 * instance (rendezvous hashing over the instances it has heard from, see
 * packages/messaging/src/affinity.ts), so one event's registrations are decided in one process,
 * and when that instance stops, the other takes its events.
 */
describe('two registrations instances: one event, one instance', () => {
  let env: TestEnv;
  let stack: Started<{ registrations: typeof startRegistrations; gateway: typeof startGateway }>;
  let second: RunningService | undefined;
  let coordinator: Api;
  let partner: Api;

  beforeAll(async () => {
    env = createTestEnv();
    stack = await startStack(env, { registrations: startRegistrations, gateway: startGateway }, { overrides: { gateway: { RPC_TIMEOUT_MS: 30_000 } } });
    second = await startRegistrations({ overrides: env.overrides('registrations') });
    [coordinator, partner] = await Promise.all([
      userApi(stack.gateway, 'metodist@mk-moshr.test', 'coordinator', 'mk-moshr'),
      userApi(stack.gateway, 'metodist@ds-1.test', 'kindergarten', 'ds-1'),
    ]);
  });

  afterAll(async () => {
    await second?.close();
    await stack?.close();
    await env?.cleanup();
  });

  const register = (eventId: string, name: string) =>
    partner.post(`/api/events/${eventId}/registrations`, {
      groupName: name,
      children: 2,
      adults: [{ name: 'Воспитатель', phone: '+7 900 000-00-00' }],
      contactEmail: 'group@ds.test',
    });

  it('sends all registrations of an event to the same instance, spreads the events over both, and moves them when an instance stops', async () => {
    const feed = new CalendarFeed(stack.registrations.runtime.bus);
    const events = await feed.approvedSeries(EVENTS, { from: new Date(Date.now() + 7 * 24 * 3600_000), seats: 30, partners: ['ds-1'] });
    for (const e of events) await eventually(async () => (await coordinator.get(`/api/events/${e.id}/registrations`)).status === 200);
    // The gateway has heard from both instances.
    await eventually(async () => stack.gateway.runtime.bus.rpc.knownInstances('registrations').length === 2);

    const instances = [stack.registrations, second!];
    const spies = instances.map((i) => jest.spyOn(i.app.get(LedgerWriter), 'run'));
    const answers = await Promise.all(events.flatMap((e, i) => Array.from({ length: PER_EVENT }, (_, k) => register(e.id, `Группа ${i + 1}-${k + 1}`))));
    expect(answers.map((a) => a.status)).toEqual(Array(EVENTS * PER_EVENT).fill(201));

    const servedBy = (eventId: string) => spies.map((spy, n) => (spy.mock.calls.some(([id]) => id === eventId) ? n : -1)).filter((n) => n >= 0);
    for (const e of events) expect(servedBy(e.id)).toHaveLength(1);
    const owners = events.map((e) => servedBy(e.id)[0]);
    expect(new Set(owners)).toEqual(new Set([0, 1]));

    // The second instance stops: its events are answered by the first, nothing is refused.
    const moved = events.filter((_, i) => owners[i] === 1);
    await second!.close();
    second = undefined;
    for (const spy of spies) spy.mockClear();
    const after = await Promise.all(moved.map((e, i) => register(e.id, `Новая группа ${i + 1}`)));
    expect(after.map((a) => a.status)).toEqual(Array(moved.length).fill(201));
    for (const e of moved) expect(spies[0]!.mock.calls.some(([id]) => id === e.id)).toBe(true);
    for (const e of moved) {
      const { items } = (await coordinator.get(`/api/events/${e.id}/registrations`)).body;
      expect(items).toHaveLength(PER_EVENT + 1);
    }
  });
});
