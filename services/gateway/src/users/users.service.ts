import { Inject, Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { DomainError, errors, Role, UserSnapshot, userEvents } from '@tochka/contracts';
import { createEvent, MessageBus, toStored } from '@tochka/messaging';
import { BUS, paginate } from '@tochka/runtime';
import { hashPassword } from '../auth/password';
import { USER_MODEL, UserDoc, UserModel } from './user.model';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: Role;
  organizationId: string;
}

/**
 * Write a new account with its `user.created` event in the same document. Whoever runs the
 * outbox relay (the gateway) publishes it; the CLI needs no NATS.
 */
export async function createUser(users: UserModel, input: NewUser): Promise<UserSnapshot> {
  if (input.password.length < 8) {
    throw new DomainError('weak_password', 'Пароль должен быть не короче 8 символов', 400, [
      { path: 'password', message: 'Пароль должен быть не короче 8 символов' },
    ]);
  }
  const _id = new Types.ObjectId();
  const email = input.email.trim().toLowerCase();
  const snapshot: UserSnapshot = {
    id: _id.toHexString(),
    email,
    name: input.name,
    role: input.role,
    organizationId: input.organizationId,
    active: true,
    version: 1,
  };
  try {
    await users.create({
      _id,
      email,
      name: input.name,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      organizationId: input.organizationId,
      active: true,
      version: 1,
      outbox: [toStored(createEvent(userEvents.created, { user: snapshot }))],
    });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) {
      throw errors.conflict('user_exists', `Пользователь с адресом ${email} уже существует`);
    }
    throw err;
  }
  return snapshot;
}

/** Accounts live in the gateway's own database; other services learn of them from `user.*` events. */
@Injectable()
export class UsersService {
  constructor(
    @Inject(USER_MODEL) private readonly users: UserModel,
    @Inject(BUS) private readonly bus: MessageBus,
  ) {}

  async create(input: NewUser): Promise<UserSnapshot> {
    const snapshot = await createUser(this.users, input);
    await this.bus.outbox.publishPending(this.users, new Types.ObjectId(snapshot.id));
    return snapshot;
  }

  list(query: { organizationId?: string; page: number; limit: number }) {
    return paginate(this.users, query.organizationId ? { organizationId: query.organizationId } : {}, { email: 1 }, query, toSnapshot);
  }

  findByEmail(email: string): Promise<UserDoc | null> {
    return this.users.findOne({ email: email.trim().toLowerCase() }).lean();
  }

  async findActive(id: string): Promise<UserDoc | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    return this.users.findOne({ _id: new Types.ObjectId(id), active: true }).lean();
  }
}

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
