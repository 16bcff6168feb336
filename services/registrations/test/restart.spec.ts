import { startGateway, RunningGateway } from '@tochka/gateway';
import { startRegistrations } from '@tochka/registrations';
import { RunningService } from '@tochka/runtime';
import { Api, BusProbe, CalendarFeed, createTestEnv, eventually, TestEnv, userApi } from '@tochka/testing';

describe('registrations across a crash and a restart', () => {
  let env: TestEnv;
  let gateway: RunningGateway;
  let service: RunningService;
  let probe: BusProbe;
  let ds5: Api;

  const start = (extra: Record<string, unknown> = {}) => startRegistrations({ overrides: env.overrides('registrations', extra) });
  const group = (groupName: string, children: number) => ({
    groupName,
    children,
    adults: [{ name: 'Шевчук Ольга Николаевна', phone: '+7 918 000-00-01' }],
    contactEmail: 'metodist@ds5.test',
  });

  beforeAll(async () => {
    env = createTestEnv();
    // This instance dies after its writes and before it publishes anything (no relay runs in it).
    service = await start({ OUTBOX_RELAY_ENABLED: false });
    gateway = await startGateway({ overrides: env.overrides('gateway') });
    probe = await BusProbe.connect(env);
    ds5 = await userApi(gateway, 'metodist@ds5.test', 'kindergarten', 'ds-5');
  });

  afterAll(async () => {
    await gateway?.close();
    await service?.close();
    await probe?.close();
    await env?.cleanup();
  });

  it('announces once what was decided before the crash, and the new instance knows the ledger as it was', async () => {
    const start7 = new Date(Date.now() + 7 * 24 * 3600_000);
    const event = await new CalendarFeed(service.runtime.bus).approved(
      CalendarFeed.event({ start: start7.toISOString(), end: new Date(start7.getTime() + 3600_000).toISOString(), capacity: { seats: 5 } }),
    );
    await eventually(async () => (await ds5.get(`/api/events/${event.id}/registrations`)).status === 200);
    const key = { 'Idempotency-Key': 'before-the-crash' };
    const a = await ds5.post(`/api/events/${event.id}/registrations`, group('Солнышко', 4), key);
    const b = await ds5.post(`/api/events/${event.id}/registrations`, group('Звёздочка', 3));
    expect([a.body.status, b.body.status]).toEqual(['confirmed', 'waitlisted']);
    await service.close();
    expect(await probe.events('registrations')).toEqual([]);

    service = await start();
    await eventually(async () => (await probe.events('registrations')).length === 2);
    await new Promise((r) => setTimeout(r, 500));
    expect((await probe.events('registrations')).map((e) => [e.envelope.type, (e.envelope.data as any).registration.id])).toEqual([
      ['registration.confirmed', a.body.id],
      ['registration.waitlisted', b.body.id],
    ]);

    // The retry of the request the client never saw answered returns what was decided then.
    const retry = await ds5.post(`/api/events/${event.id}/registrations`, group('Солнышко', 4), key);
    expect([retry.status, retry.body.id, retry.headers.get('idempotent-replayed')]).toEqual([201, a.body.id, 'true']);
    // And the ledger goes on from where it was: cancelling the first promotes the second.
    expect((await ds5.post(`/api/registrations/${a.body.id}/cancel`)).body.status).toBe('cancelled');
    expect((await ds5.get(`/api/registrations/${b.body.id}`)).body.status).toBe('confirmed');
  });
});
