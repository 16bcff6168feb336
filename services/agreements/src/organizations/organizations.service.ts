import { Inject, Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { z } from 'zod';
import {
  Actor,
  errors,
  Organization,
  organizationEvents,
  OrganizationKind,
  OrganizationInput,
  organizationPatchSchema,
  organizationSchema,
} from '@tochka/contracts';
import { AggregateStore, createEvent, fingerprint, keyedId, MessageBus } from '@tochka/messaging';
import { BUS, Clock, CLOCK, paginate } from '@tochka/runtime';
import { ORGANIZATION_MODEL, OrganizationDoc, OrganizationModel } from './organization.model';

/** The registry of organisations; only the coordinator changes it. */
@Injectable()
export class OrganizationsService {
  private readonly store: AggregateStore<OrganizationDoc, Organization>;

  constructor(
    @Inject(ORGANIZATION_MODEL) private readonly organizations: OrganizationModel,
    @Inject(BUS) bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.store = new AggregateStore<OrganizationDoc, Organization>({
      model: organizations,
      relay: bus.outbox,
      key: (id) => id,
      idOf: (o) => o.id,
      fromDoc: toOrganization,
      toDoc: ({ id: _id, createdAt, updatedAt, ...fields }) => ({ ...fields, createdAt: new Date(createdAt), updatedAt: new Date(updatedAt) }),
      version: (o) => o.version,
      notFound: (id) => errors.notFound(`Организация «${id}» не найдена`),
      conflict: () => errors.conflict('concurrent_update', 'Организацию одновременно изменил другой пользователь. Повторите.'),
    });
  }

  /** Under an Idempotency-Key a repeat of the request answers the organisation the first one registered. */
  async register(actor: Actor, input: OrganizationInput, idempotencyKey?: string): Promise<Organization> {
    assertCoordinator(actor);
    const now = this.clock.now();
    const id = input.id ?? (idempotencyKey ? keyedId('organization', `${actor.userId}:${idempotencyKey}`) : new Types.ObjectId().toHexString());
    const organization = organizationSchema.parse({
      ...input,
      id,
      rooms: input.rooms ?? [],
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    const events = [createEvent(organizationEvents.registered, { organization })];
    const exists = () => errors.conflict('organization_exists', `Организация с кодом «${id}» уже зарегистрирована`);
    if (idempotencyKey) {
      const created = await this.store.insertOnce(organization, events, { key: `${actor.userId}:${idempotencyKey}`, requestHash: fingerprint(input) });
      if (!created) throw exists();
      return created.state;
    }
    if (!(await this.store.insert(organization, events))) throw exists();
    return organization;
  }

  async update(actor: Actor, id: string, patch: z.output<typeof organizationPatchSchema>): Promise<Organization> {
    assertCoordinator(actor);
    return this.store.update(id, (current) => {
      const next = organizationSchema.parse({ ...current, ...patch, version: current.version + 1, updatedAt: this.clock.now().toISOString() });
      if (next.centre && next.kind !== 'growth_point_centre') {
        throw errors.validation([{ path: 'centre', message: 'Профиль и год открытия указываются только для центра «Точка роста»' }]);
      }
      return { next, events: [createEvent(organizationEvents.updated, { organization: next })] };
    });
  }

  get(id: string): Promise<Organization> {
    return this.store.get(id);
  }

  /** Several at once; unknown ids are simply absent from the map. */
  async getMany(ids: string[]): Promise<Map<string, Organization>> {
    const docs = await this.organizations.find({ _id: { $in: ids } }).lean();
    return new Map(docs.map((d) => [d._id, toOrganization(d)]));
  }

  list(query: { kind?: OrganizationKind; page: number; limit: number }) {
    return paginate(this.organizations, query.kind ? { kind: query.kind } : {}, { _id: 1 }, query, toOrganization);
  }
}

function assertCoordinator(actor: Actor) {
  if (actor.role !== 'coordinator') throw errors.forbidden('Реестр организаций ведёт методическая служба (координатор)');
}

function toOrganization(doc: OrganizationDoc): Organization {
  return organizationSchema.parse({
    id: doc._id,
    kind: doc.kind,
    fullName: doc.fullName,
    shortName: doc.shortName,
    settlement: doc.settlement,
    address: doc.address,
    ...(doc.centre?.profile ? { centre: { profile: doc.centre.profile, openedYear: doc.centre.openedYear } } : {}),
    head: stripEmpty(doc.head),
    rooms: (doc.rooms ?? []).map((r) => ({ key: r.key, name: r.name, capacity: r.capacity })),
    version: doc.version,
    createdAt: new Date(doc.createdAt).toISOString(),
    updatedAt: new Date(doc.updatedAt).toISOString(),
  });
}

/** Drop null/undefined fields Mongo may hand back for optional values. */
function stripEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}
