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
import { createEvent, MessageBus, pushOutbox, toStored, withDocumentLock } from '@tochka/messaging';
import { BUS, Clock, CLOCK, paginate } from '@tochka/runtime';
import { ORGANIZATION_MODEL, OrganizationDoc, OrganizationModel } from './organization.model';

/** The registry of organisations; only the coordinator changes it. */
@Injectable()
export class OrganizationsService {
  constructor(
    @Inject(ORGANIZATION_MODEL) private readonly organizations: OrganizationModel,
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async register(actor: Actor, input: OrganizationInput): Promise<Organization> {
    assertCoordinator(actor);
    const now = this.clock.now();
    const id = input.id ?? new Types.ObjectId().toHexString();
    const { id: _ignored, ...fields } = input;
    const organization = organizationSchema.parse({ id, ...fields, rooms: fields.rooms ?? [], version: 1, createdAt: now.toISOString(), updatedAt: now.toISOString() });
    try {
      await this.organizations.create({
        _id: id,
        ...fields,
        version: 1,
        createdAt: now,
        updatedAt: now,
        outbox: [toStored(createEvent(organizationEvents.registered, { organization }))],
      });
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw errors.conflict('organization_exists', `Организация с кодом «${id}» уже зарегистрирована`);
      throw err;
    }
    await this.bus.outbox.publishPending(this.organizations, id);
    return organization;
  }

  async update(actor: Actor, id: string, patch: z.output<typeof organizationPatchSchema>): Promise<Organization> {
    assertCoordinator(actor);
    await this.get(id);
    const next = await withDocumentLock(this.organizations, id, async () => {
      const current = await this.get(id);
      const updated = organizationSchema.parse({ ...current, ...patch, version: current.version + 1, updatedAt: this.clock.now().toISOString() });
      if (updated.centre && updated.kind !== 'growth_point_centre') {
        throw errors.validation([{ path: 'centre', message: 'Профиль и год открытия указываются только для центра «Точка роста»' }]);
      }
      const { id: _id, createdAt: _c, ...fields } = updated;
      await this.organizations.updateOne(
        { _id: id, version: current.version },
        { $set: { ...fields, updatedAt: new Date(updated.updatedAt) }, $push: pushOutbox(createEvent(organizationEvents.updated, { organization: updated })) },
      );
      return updated;
    });
    await this.bus.outbox.publishPending(this.organizations, id);
    return next;
  }

  async get(id: string): Promise<Organization> {
    const doc = await this.organizations.findById(id).lean();
    if (!doc) throw errors.notFound(`Организация «${id}»`);
    return toOrganization(doc);
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

export function toOrganization(doc: OrganizationDoc): Organization {
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
export function stripEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}
