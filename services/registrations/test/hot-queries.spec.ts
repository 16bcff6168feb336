import { registrationRpcs } from '@tochka/contracts';
import { PENDING_OUTBOX } from '@tochka/messaging';
import { startRegistrations } from '@tochka/registrations';
import { CalendarFeed, createTestEnv, eventually, indexProblems, Started, startStack, TestEnv } from '@tochka/testing';
import { COMMIT_MODEL, CommitModel } from '../src/ledger/commit.model';

/**
 * The ledger's own hot queries beyond `_id`: once a group of commits' events are published, their
 * outboxes are emptied by the group's id (`{batch, outboxPending: true}`), once per group commit.
 * On the real database it must be served by the `batch` index.
 */
describe('registrations hot queries', () => {
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

  it("serves the publication of a group of commits by the group's index", async () => {
    const { bus } = stack.registrations.runtime;
    const start = new Date(Date.now() + 7 * 24 * 3600_000);
    const event = await new CalendarFeed(bus).approved(
      CalendarFeed.event({
        start: start.toISOString(),
        end: new Date(start.getTime() + 90 * 60_000).toISOString(),
        partners: [{ organizationId: 'ds-9', organizationName: 'МБДОУ д/с № 9' }],
      }),
    );
    const actor = { userId: 'u-ds9', role: 'kindergarten' as const, organizationId: 'ds-9' };
    const coordinator = { userId: 'u-c', role: 'coordinator' as const, organizationId: 'mk' };
    await eventually(
      async () => (await bus.rpc.request(registrationRpcs.listForEvent, { actor: coordinator, eventId: event.id }).catch(() => undefined))?.availability.open,
    );
    await Promise.all(
      [1, 2, 3].map((n) =>
        bus.rpc.request(registrationRpcs.create, {
          actor,
          eventId: event.id,
          registration: {
            groupName: `Группа ${n}`,
            children: 3,
            adults: [{ name: 'Воспитатель', phone: '+7 900 000-00-00' }],
            contactEmail: 'ds-9@example.test',
          },
        }),
      ),
    );
    const commits = stack.registrations.app.get<CommitModel>(COMMIT_MODEL);
    const last = await commits.findById(`${event.id}:2`).lean();
    expect(last?.batch).toEqual(expect.any(String));
    // Published and emptied by its group's publication.
    await eventually(async () => (await commits.findById(`${event.id}:2`).lean())?.outbox.length === 0);

    const { plan, problems } = await indexProblems(commits.collection, { batch: last!.batch!, ...PENDING_OUTBOX }, { batch: 1 });
    expect({ plan: plan.server, problems }).toEqual({ plan: plan.server, problems: [] });
  });
});
