import { Inject, Injectable, Optional } from '@nestjs/common';
import { Types } from 'mongoose';
import { Actor, DomainError, errors, naming, Role, UserChangeField, UserSnapshot, userEvents } from '@tochka/contracts';
import { AggregateStore, createEvent, fingerprint, keyedId, MessageBus, OutboxRelay, withDocumentLock } from '@tochka/messaging';
import { BUS, Clock, CLOCK, keepRecent, paginate } from '@tochka/runtime';
import { hashPassword } from '../auth/password';
import { assertAcceptablePassword } from '../auth/password-policy';
import { USER_MODEL, UserDoc, UserModel } from './user.model';
import { AccountChanges } from './account-changes';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: Role;
  organizationId: string;
}

/** What the coordinator may change in an account (PATCH /api/users/{id}). */
export interface UserChange {
  role?: Role;
  organizationId?: string;
  active?: boolean;
}

/** A stored account: the snapshot others learn of, and its password hash. */
type Account = UserSnapshot & { passwordHash: string };

/** Accounts' write path. Without a relay (the CLI, the seed) the running gateway's relay publishes. */
function userStore(users: UserModel, relay: OutboxRelay | null): AggregateStore<UserDoc, Account> {
  return new AggregateStore<UserDoc, Account>({
    model: users,
    relay,
    key: (id) => (Types.ObjectId.isValid(id) && /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : undefined),
    idOf: (a) => a.id,
    fromDoc: (doc) => ({ ...toSnapshot(doc), passwordHash: doc.passwordHash }),
    toDoc: ({ id: _id, ...fields }) => fields,
    version: (a) => a.version,
    notFound: () => errors.notFound('Пользователь не найден'),
    conflict: () => errors.conflict('concurrent_update', 'Учётную запись одновременно изменил другой пользователь. Повторите.'),
  });
}

/**
 * Write a new account with its `user.created` event in the same document, without publishing it:
 * whoever runs the outbox relay (the gateway) does; the CLI needs no NATS.
 */
export function createUser(users: UserModel, input: NewUser): Promise<UserSnapshot> {
  return insertUser(userStore(users, null), input);
}

/** Under an Idempotency-Key (`once.key` scoped by the caller), a repeat of the request answers the account the first one created. */
async function insertUser(store: AggregateStore<UserDoc, Account>, input: NewUser, once?: { key: string }): Promise<UserSnapshot> {
  assertAcceptablePassword(input.password, input.email);
  const email = input.email.trim().toLowerCase();
  const snapshot: UserSnapshot = {
    id: once ? keyedId('user', once.key) : new Types.ObjectId().toHexString(),
    email,
    name: input.name,
    role: input.role,
    organizationId: input.organizationId,
    active: true,
    version: 1,
  };
  const account = { ...snapshot, passwordHash: await hashPassword(input.password) };
  const events = [createEvent(userEvents.created, { user: snapshot })];
  const exists = () => errors.conflict('user_exists', `Пользователь с адресом ${email} уже существует`);
  if (once) {
    // The password stays out of the fingerprint: nothing of it is kept beside the account but its argon2 hash.
    const { password: _secret, ...request } = { ...input, email };
    const created = await store.insertOnce(account, events, { key: once.key, requestHash: fingerprint(request) });
    if (!created) throw exists();
    const { passwordHash: _hash, ...user } = created.state;
    return user;
  }
  if (!(await store.insert(account, events))) throw exists();
  return snapshot;
}

/** Accounts live in the gateway's own database; other services learn of them from `user.*` events. */
@Injectable()
export class UsersService {
  private readonly store: AggregateStore<UserDoc, Account>;
  private readonly lookups = new Map<string, { at: number; answer: Promise<UserDoc | null> }>();

  constructor(
    @Inject(USER_MODEL) private readonly users: UserModel,
    @Inject(BUS) bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() private readonly changes?: AccountChanges,
  ) {
    this.store = userStore(users, bus.outbox);
    // Another gateway changed an account: what this one kept of it goes at once.
    bus.nc.subscribe(naming.eventSubject(bus.prefix, userEvents.updated.name), {
      callback: (err, msg) => {
        if (err) return;
        try {
          const id = (JSON.parse(msg.string()) as { data?: { user?: { id?: unknown } } }).data?.user?.id;
          if (typeof id === 'string') this.forget(id);
        } catch {
          // not an event of ours: nothing to forget
        }
      },
    });
  }

  create(input: NewUser, once?: { key: string }): Promise<UserSnapshot> {
    return insertUser(this.store, input, once);
  }

  /**
   * Change an account's role, organisation or whether it may sign in, announced as `user.updated`.
   * A change to what the account already is answers it as it is (no new version, no event). The
   * coordinator cannot change their own account, nor take away the district's last active
   * coordinator: changes are serialised under one lock, so two coordinators deactivating each
   * other at once cannot both succeed. `check` rules on the next state before it is written.
   */
  async update(actor: Actor, id: string, change: UserChange, check?: (next: UserSnapshot, changed: UserChangeField[]) => Promise<void>): Promise<UserSnapshot> {
    if (id === actor.userId) {
      throw new DomainError(
        'own_account',
        'Свою учётную запись координатор не отключает и не переводит на другую роль или в другую организацию: это делает другой координатор.',
        409,
      );
    }
    const write = () =>
      this.store.update(id, async (account) => {
        const changed = (Object.keys(change) as UserChangeField[]).filter((field) => change[field] !== undefined && change[field] !== account[field]);
        if (!changed.length) return null;
        const next: Account = { ...account, ...change, version: account.version + 1 };
        if (removesCoordinator(account, next) && (await this.otherActiveCoordinators(account.id)) === 0) {
          throw new DomainError(
            'last_coordinator',
            'Это последняя действующая учётная запись координатора: сначала создайте или включите другую, иначе некому будет управлять районом.',
            409,
          );
        }
        const { passwordHash: _hash, ...user } = next;
        await check?.(user, changed);
        // The sessions of the account as it was end with the change, and stay ended if it is undone.
        const tokensValidFromMs = this.clock.now().getTime();
        return { next, events: [createEvent(userEvents.updated, { user, changed })], alsoSet: { tokensValidFromMs } };
      });
    // Account changes are rare: one lock for all of them keeps the last-coordinator rule exact.
    const state = await withDocumentLock(this.users, 'account-changes', write).finally(() => this.forget(id));
    this.changes?.changed();
    const { passwordHash: _hash, ...user } = state;
    return user;
  }

  private otherActiveCoordinators(id: string): Promise<number> {
    return this.users.countDocuments({ role: 'coordinator', active: true, _id: { $ne: new Types.ObjectId(id) } });
  }

  /** The account as the coordinator sees it, or 404. */
  async get(id: string): Promise<UserSnapshot> {
    const { passwordHash: _hash, ...user } = await this.store.get(id);
    return user;
  }

  list(query: { organizationId?: string; page: number; limit: number }) {
    return paginate(this.users, query.organizationId ? { organizationId: query.organizationId } : {}, { email: 1 }, query, toSnapshot);
  }

  findByEmail(email: string): Promise<UserDoc | null> {
    return this.users.findOne({ email: email.trim().toLowerCase() }).lean();
  }

  /**
   * The active account with this id, as every authenticated request asks. An answer is kept for
   * ACCOUNT_CACHE_MS (1 s) of real time, and lookups of one account on their way are shared: a
   * burst of one account's requests costs one query a second, not one each. A change made here
   * drops the kept answer before it is answered, so every later request sees it; one made by
   * another gateway drops it when its `user.updated` reaches this one over NATS, and at the
   * latest a second later (the event may be late, or NATS down).
   */
  findActive(id: string): Promise<UserDoc | null> {
    if (!Types.ObjectId.isValid(id)) return Promise.resolve(null);
    const kept = this.lookups.get(id);
    if (kept !== undefined && performance.now() - kept.at < ACCOUNT_CACHE_MS) return kept.answer;
    const lookup = {
      at: performance.now(),
      answer: this.users
        .findOne({ _id: new Types.ObjectId(id), active: true })
        .lean<UserDoc>()
        .exec(),
    };
    lookup.answer.catch(() => {
      if (this.lookups.get(id) === lookup) this.lookups.delete(id);
    });
    keepRecent(this.lookups, id, lookup, 10_000);
    return lookup.answer;
  }

  /** Forget what was kept of an account (it changed, here or at another gateway). */
  forget(id: string): void {
    this.lookups.delete(id);
  }
}

/** How long an account lookup is reused (real time, whatever the service's clock says). */
const ACCOUNT_CACHE_MS = 1000;

const removesCoordinator = (before: Account, after: Account) =>
  before.role === 'coordinator' && before.active && (after.role !== 'coordinator' || !after.active);

export function toSnapshot(doc: UserDoc): UserSnapshot {
  return {
    id: doc._id.toHexString(),
    email: doc.email,
    name: doc.name,
    role: doc.role,
    organizationId: doc.organizationId,
    active: doc.active,
    version: doc.version,
  };
}
