import { CalendarEvent, calendarEvents } from '@tochka/contracts';
import { startGateway } from '@tochka/gateway';
import { startRegistrations } from '@tochka/registrations';
import { Api, CalendarFeed, createTestEnv, eventually, ManualClock, Started, startStack, TestEnv, userApi } from '@tochka/testing';

/**
 * The calendar's visibility rule holds on every registrations route: a proposal or a rejected
 * event is seen only by the host's users and the coordinator; for anybody else it does not exist
 * (404, nothing about it in the answer), exactly as `GET /api/events/:id` answers.
 */
describe('registrations: events one may not see are not found on any route', () => {
  let env: TestEnv;
  const clock = new ManualClock('2023-04-10T09:00:00Z');
  let stack: Started<{ registrations: typeof startRegistrations; gateway: typeof startGateway }>;
  let feed: CalendarFeed;
  let coordinator: Api, head3: Api, staff3: Api, head5: Api, staff5: Api, ds5: Api, ds12: Api;
  const group = {
    groupName: 'Старшая группа «Солнышко»',
    children: 4,
    ageBand: '5–6 лет',
    adults: [{ name: 'Шевчук О.Н.', phone: '+7 918 000-00-01' }],
    contactEmail: 'metodist@ds5.test',
  };

  const known = (event: CalendarEvent) =>
    eventually(async () => {
      const res = await coordinator.get(`/api/events/${event.id}/registrations`);
      return res.status === 200 && res.body.availability.status === event.status && res;
    });

  beforeAll(async () => {
    env = createTestEnv();
    stack = await startStack(env, { registrations: (o) => startRegistrations({ ...o, clock }), gateway: startGateway });
    feed = new CalendarFeed(stack.registrations.runtime.bus);
    [coordinator, head3, staff3, head5, staff5, ds5, ds12] = await Promise.all([
      userApi(stack.gateway, 'metodist@mk-moshr.test', 'coordinator', 'mk-moshr'),
      userApi(stack.gateway, 'head@sosh3.test', 'centre_head', 'sosh-3'),
      userApi(stack.gateway, 'teacher@sosh3.test', 'staff', 'sosh-3'),
      userApi(stack.gateway, 'head@sosh5.test', 'centre_head', 'sosh-5'),
      userApi(stack.gateway, 'teacher@sosh5.test', 'staff', 'sosh-5'),
      userApi(stack.gateway, 'metodist@ds5.test', 'kindergarten', 'ds-5'),
      userApi(stack.gateway, 'metodist@ds12.test', 'kindergarten', 'ds-12'),
    ]);
  });

  afterAll(async () => {
    await stack?.close();
    await env?.cleanup();
  });

  for (const status of ['proposed', 'rejected'] as const) {
    it(`a ${status} event of СОШ № 3 is 404 on every registrations route for other organisations, its invited partner included`, async () => {
      const event = CalendarFeed.event({ title: `Секретное предложение (${status})`, status, version: 1 });
      await feed.send(status === 'proposed' ? calendarEvents.proposed : calendarEvents.rejected, event);
      await known(event);

      const outsiders = { 'centre head of СОШ № 5': head5, 'teacher of СОШ № 5': staff5, 'kindergarten д/с № 12': ds12, 'invited partner д/с № 5': ds5 };
      for (const [who, user] of Object.entries(outsiders)) {
        const answers = {
          list: await user.get(`/api/events/${event.id}/registrations`),
          register: await user.post(`/api/events/${event.id}/registrations`, group),
        };
        const managing =
          who === 'centre head of СОШ № 5'
            ? {
                attendance: await user.post(`/api/events/${event.id}/attendance`, {
                  records: [{ registrationId: '64b000000000000000000001', attended: true, actualChildren: 1 }],
                }),
                settings: await user.put(`/api/events/${event.id}/registration-settings`, { maxGroupsPerOrganization: 1 }),
              }
            : {};
        for (const [route, res] of Object.entries({ ...answers, ...managing })) {
          expect({ who, route, status: res.status }).toEqual({ who, route, status: 404 });
          expect(res.text).not.toContain('Секретное');
          expect(res.text).not.toContain(event.venue.roomName);
        }
      }

      // The host's users and the coordinator see it, as in the calendar.
      expect((await head3.get(`/api/events/${event.id}/registrations`)).status).toBe(200);
      expect((await staff3.get(`/api/events/${event.id}/registrations`)).status).toBe(200);
      expect((await coordinator.get(`/api/events/${event.id}/registrations`)).body.availability.event.title).toBe(event.title);
    });
  }

  it('an approved event is seen by everyone, as in the calendar', async () => {
    const event = await feed.approved(CalendarFeed.event());
    await known(event);
    for (const user of [head5, staff5, ds12]) expect((await user.get(`/api/events/${event.id}/registrations`)).status).toBe(200);
  });
});
