import { Actor, agreementRpcs, calendarRpcs, DomainError, Role } from '@tochka/contracts';
import { agreements, demoUsers, festivals, organizations, PlanEventSeed, planEvents } from '@tochka/district-data';
import { RpcClient } from '@tochka/messaging';

/** The district's methodical service loads the data, as the coordinator would. */
export const SEED_ACTOR: Actor = { userId: 'district-seed', role: 'coordinator', organizationId: 'mk-moshr' };

export interface SeedTarget {
  /** Commands go to the services over NATS, as any other client's would. */
  rpc: RpcClient;
  /** Accounts are the gateway's: created in its database (its relay publishes `user.created`). */
  users: {
    findByEmail(email: string): Promise<unknown>;
    create(user: { email: string; name: string; role: Role; organizationId: string; password: string }): Promise<unknown>;
  };
}

export interface SeedReport {
  organizations: { created: number; existing: number };
  agreements: { loaded: number };
  festivals: { loaded: number };
  events: { loaded: number };
  users: { created: number; existing: number };
}

/**
 * Load Shcherbinovsky district through the services' own commands. Idempotent: organisations
 * and users that exist are left alone, agreements are imported by number, the festival and the
 * 2022–2023 plan-schedule (approved events) by their keys (twice = once).
 */
export async function seedDistrict(target: SeedTarget, opts: { password: string; log?: (line: string) => void }): Promise<SeedReport> {
  const log = opts.log ?? (() => undefined);
  const report: SeedReport = {
    organizations: { created: 0, existing: 0 },
    agreements: { loaded: 0 },
    festivals: { loaded: 0 },
    events: { loaded: 0 },
    users: { created: 0, existing: 0 },
  };

  for (const { key, illustrative: _i, ...org } of organizations) {
    try {
      await target.rpc.request(agreementRpcs.getOrganization, { id: key });
      report.organizations.existing++;
    } catch (err) {
      if (!(err instanceof DomainError) || err.status !== 404) throw err;
      await target.rpc.request(agreementRpcs.registerOrganization, { actor: SEED_ACTOR, organization: { id: key, ...org } });
      report.organizations.created++;
    }
  }
  log(`организации: новых ${report.organizations.created}, уже было ${report.organizations.existing}`);

  const agreementIds = new Map<string, string>();
  for (const a of agreements) {
    const loaded = await target.rpc.request(agreementRpcs.import, {
      actor: SEED_ACTOR,
      agreement: {
        number: a.number,
        title: a.title,
        parties: a.parties.map((p) => {
          const responsible = a.responsible[p];
          if (!responsible) throw new Error(`${a.number}: no responsible person for ${p}`);
          return { organizationId: p, responsible };
        }),
        directions: a.directions,
        validFrom: a.validFrom,
        validTo: a.validTo,
        ...(a.notes ? { notes: a.notes } : {}),
      },
      signedOn: Object.fromEntries(a.parties.map((p) => [p, a.signedOn])),
    });
    agreementIds.set(a.key, loaded.id);
    report.agreements.loaded++;
  }
  log(`соглашения: загружено ${report.agreements.loaded}`);

  const festivalIds = new Map<string, string>();
  for (const { key, ...festival } of festivals) {
    festivalIds.set(key, (await target.rpc.request(calendarRpcs.createFestival, { actor: SEED_ACTOR, key, festival })).id);
    report.festivals.loaded++;
  }
  for (const e of planEvents) {
    await whenCalendarKnows(() => target.rpc.request(calendarRpcs.import, { actor: SEED_ACTOR, key: e.key, event: planEvent(e, agreementIds, festivalIds) }));
    report.events.loaded++;
  }
  log(`план-график 2022–2023: фестивалей ${report.festivals.loaded}, мероприятий ${report.events.loaded}`);

  for (const u of demoUsers) {
    if (await target.users.findByEmail(u.email)) {
      report.users.existing++;
      continue;
    }
    try {
      await target.users.create({ email: u.email, name: u.name, role: u.role, organizationId: u.organization, password: opts.password });
      report.users.created++;
    } catch (err) {
      // Another seed run created it meanwhile.
      if (!(err instanceof DomainError) || err.code !== 'user_exists') throw err;
      report.users.existing++;
    }
  }
  log(`учётные записи: новых ${report.users.created}, уже было ${report.users.existing}`);
  return report;
}

/** A plan entry as a calendar command: keys become ids, Moscow wall-clock times become instants. */
function planEvent(e: PlanEventSeed, agreementIds: Map<string, string>, festivalIds: Map<string, string>) {
  const instant = (local: string) => new Date(`${local}:00+03:00`).toISOString();
  const id = (ids: Map<string, string>, key: string) => {
    const found = ids.get(key);
    if (!found) throw new Error(`plan entry ${e.key}: unknown key ${key}`);
    return found;
  };
  return {
    hostId: e.host,
    title: e.title,
    description: e.description,
    kind: e.kind,
    direction: e.direction,
    venue: e.venue,
    start: instant(e.start),
    end: instant(e.end),
    audience: e.audience,
    ...(e.grades ? { grades: e.grades } : {}),
    partners: e.partners,
    ...(e.agreement ? { agreementId: id(agreementIds, e.agreement) } : {}),
    ...(e.capacity ? { capacity: e.capacity } : {}),
    ...(e.festival ? { festivalId: id(festivalIds, e.festival) } : {}),
  };
}

/**
 * The calendar learns of organisations and agreements from their events, so right after they are
 * loaded it may still be catching up: it then answers `unknown_reference`, and we ask again.
 */
async function whenCalendarKnows<T>(command: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await command();
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'unknown_reference' || Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
