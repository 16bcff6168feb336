import { HEADERS, naming, registrationRpcs } from '@tochka/contracts';
import { runWithContext } from '@tochka/messaging';
import { startGateway } from '@tochka/gateway';
import { startRegistrations } from '@tochka/registrations';
import { LedgerWriter } from '../src/ledger/ledger-writer';
import { register } from '../src/registrations/register';
import { Api, BusProbe, CalendarFeed, createTestEnv, eventually, Started, startStack, TEST_PASSWORD, TestEnv, userApi } from '@tochka/testing';

const group = {
  groupName: 'Старшая группа «Солнышко»',
  children: 5,
  adults: [{ name: 'Воспитатель', phone: '+7 900 000-00-00' }],
  contactEmail: 'ds-9@example.test',
};
const kindergarten = { userId: 'u-ds9', role: 'kindergarten' as const, organizationId: 'ds-9' };

/** Abandoned requests: work whose caller stopped waiting is not begun; the gateway stops waiting and says so. */
describe('abandoned requests', () => {
  describe('the registrations service', () => {
    let env: TestEnv;
    let stack: Started<{ registrations: typeof startRegistrations }>;
    let probe: BusProbe;

    beforeAll(async () => {
      env = createTestEnv();
      stack = await startStack(env, { registrations: startRegistrations });
      probe = await BusProbe.connect(env);
    });

    afterAll(async () => {
      await stack?.close();
      await probe?.close();
      await env?.cleanup();
    });

    it('does not begin a registration whose caller had stopped waiting when it arrived, and registers it when asked in time', async () => {
      const { bus } = stack.registrations.runtime;
      const start = new Date(Date.now() + 7 * 24 * 3600_000);
      const event = await new CalendarFeed(bus).approved(
        CalendarFeed.event({
          start: start.toISOString(),
          end: new Date(start.getTime() + 90 * 60_000).toISOString(),
          partners: [{ organizationId: 'ds-9', organizationName: 'МБДОУ д/с № 9' }],
          capacity: { seats: 20 },
        }),
      );
      const list = () =>
        bus.rpc.request(registrationRpcs.listForEvent, { actor: { userId: 'u-c', role: 'coordinator', organizationId: 'mk' }, eventId: event.id });
      await eventually(async () => (await list().catch(() => undefined))?.availability.open === true);

      // As a caller whose wait had run out before it sent the request (x-request-timeout-ms: 0).
      const answer = await probe.request(
        naming.rpcSubject(env.prefix, registrationRpcs.create.name),
        { actor: kindergarten, eventId: event.id, registration: group },
        { [HEADERS.requestTimeout]: '0' },
      );
      expect(answer).toMatchObject({ ok: false, error: { status: 504, code: 'service_timeout' } });
      expect(answer.error.message).toMatch(/не выполнялся, ничего не изменено/);
      expect((await list()).items).toEqual([]);
      expect((await probe.events('registrations')).length).toBe(0);

      const made = await bus.rpc.request(registrationRpcs.create, { actor: kindergarten, eventId: event.id, registration: group });
      expect(made.registration.status).toBe('confirmed');
      expect((await list()).items.map((r) => r.id)).toEqual([made.registration.id]);
    });
  });

  describe('the ledger', () => {
    let env: TestEnv;
    let stack: Started<{ registrations: typeof startRegistrations }>;

    beforeAll(async () => {
      env = createTestEnv();
      stack = await startStack(env, { registrations: startRegistrations });
    });

    afterAll(async () => {
      await stack?.close();
      await env?.cleanup();
    });

    it('drops a queued operation whose caller stopped waiting before its commit is decided, and commits the others of the batch', async () => {
      const { bus } = stack.registrations.runtime;
      const start = new Date(Date.now() + 7 * 24 * 3600_000);
      const event = await new CalendarFeed(bus).approved(
        CalendarFeed.event({
          start: start.toISOString(),
          end: new Date(start.getTime() + 90 * 60_000).toISOString(),
          partners: [{ organizationId: 'ds-9', organizationName: 'МБДОУ д/с № 9' }],
          capacity: { seats: 20 },
        }),
      );
      const list = () =>
        bus.rpc.request(registrationRpcs.listForEvent, { actor: { userId: 'u-c', role: 'coordinator', organizationId: 'mk' }, eventId: event.id });
      await eventually(async () => (await list().catch(() => undefined))?.availability.open === true);

      const writer = stack.registrations.app.get(LedgerWriter);
      const op = (name: string, id: string) => (draft: Parameters<typeof register>[0]) =>
        register(draft, { actor: kindergarten, input: { ...group, groupName: name }, id, requestHash: name }, 24);
      // Queued together in one tick: the first is waited for, the second's caller has given up already.
      const waited = runWithContext({ correlationId: 'c1', deadline: Date.now() + 60_000 }, () =>
        writer.run(event.id, op('Группа 1', '6650a1b2c3d4e5f601234561')),
      );
      const abandoned = runWithContext({ correlationId: 'c2', deadline: Date.now() - 1 }, () =>
        writer.run(event.id, op('Группа 2', '6650a1b2c3d4e5f601234562')),
      );
      await expect(abandoned).rejects.toMatchObject({ status: 504, code: 'service_timeout' });
      expect((await waited).registration.groupName).toBe('Группа 1');
      expect((await list()).items.map((r) => r.groupName)).toEqual(['Группа 1']);
    });
  });

  describe('the gateway, in front of a service that does not answer', () => {
    let env: TestEnv;
    let quick: Started<{ gateway: typeof startGateway }>;
    let patient: Awaited<ReturnType<typeof startGateway>>;
    let probe: BusProbe;
    let received: Record<string, string>[] = [];

    beforeAll(async () => {
      env = createTestEnv();
      // Two gateways on one prefix: one gives up after 300 ms, one would wait a minute.
      quick = await startStack(env, { gateway: startGateway }, { overrides: { gateway: { RPC_TIMEOUT_MS: 300 } } });
      patient = await startGateway({ overrides: env.overrides('gateway', { RPC_TIMEOUT_MS: 60_000 }) });
      probe = await BusProbe.connect(env);
      // A registrations "service" that takes requests and never answers.
      received = await probe.neverAnswer(naming.rpcSubject(env.prefix, registrationRpcs.create.name));
    });

    afterAll(async () => {
      await patient?.close();
      await quick?.close();
      await probe?.close();
      await env?.cleanup();
    });

    it('answers 504 in Russian when its wait runs out, and tells the service how long it waits', async () => {
      const api: Api = await userApi(quick.gateway, 'metodist@ds-9.test', 'kindergarten', 'ds-9');
      const res = await api.post('/api/events/6650a1b2c3d4e5f601234567/registrations', group);
      expect(res.status).toBe(504);
      expect(res.body).toMatchObject({ status: 504, code: 'service_timeout' });
      expect(res.body.detail).toMatch(/не ответил вовремя/);
      const wait = Number(received.at(-1)?.[HEADERS.requestTimeout]);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(300);
    });

    it('stops waiting for the service as soon as the client goes away', async () => {
      const api = await new Api(patient.url).login('metodist@ds-9.test', TEST_PASSWORD);
      const before = received.length;
      const client = new AbortController();
      const sent = fetch(`${patient.url}/api/events/6650a1b2c3d4e5f601234567/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${api.token}` },
        body: JSON.stringify(group),
        signal: client.signal,
      }).catch((err: Error) => err.name);
      await eventually(() => received.length > before);
      expect(patient.runtime.bus.rpc.inFlight).toBe(1);
      client.abort();
      expect(await sent).toBe('AbortError');
      // The service never answers and the gateway would wait a minute: it no longer does.
      await eventually(() => patient.runtime.bus.rpc.inFlight === 0);
    });
  });
});
