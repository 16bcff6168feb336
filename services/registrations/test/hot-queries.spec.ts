import { registrationRpcs } from '@tochka/contracts';
import { OUTBOX_GROUPS } from '@tochka/messaging';
import { startRegistrations } from '@tochka/registrations';
import { CalendarFeed, createTestEnv, eventually, indexProblems, Started, startStack, TestEnv } from '@tochka/testing';
import { COMMIT_MODEL, CommitModel } from '../src/ledger/commit.model';

/**
 * The ledger's own hot queries beyond `_id`: a commit group's events are staged in one document of
 * `outbox_groups` and deleted by `_id` once published; the sweep asks for the staged groups of the
 * collection (`{collection}`) and the commits of a stale group by its id (`{batch}`). On the real
 * database both must be served by an index.
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
    // The commit carries no outbox: its events were staged with its group and published, and the staged group is gone.
    expect(last?.outbox).toBeUndefined();
    const staged = commits.db.collection(OUTBOX_GROUPS);
    await eventually(async () => (await staged.countDocuments({ collection: 'ledger_commits' })) === 0);

    const { plan, problems } = await indexProblems(commits.collection, { batch: last!.batch! }, { batch: 1 });
    expect({ plan: plan.server, problems }).toEqual({ plan: plan.server, problems: [] });
    const groups = await indexProblems(staged as never, { collection: 'ledger_commits' }, { collection: 1 });
    expect({ plan: groups.plan.server, problems: groups.problems }).toEqual({ plan: groups.plan.server, problems: [] });
  });
});
