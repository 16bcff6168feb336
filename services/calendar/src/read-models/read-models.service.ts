import { Inject, Injectable } from '@nestjs/common';
import { Agreement, Organization, Registration, RegistrationStatus } from '@tochka/contracts';
import { keepLatest } from '@tochka/runtime';
import { KNOWN_AGREEMENT_MODEL, KnownAgreement, KnownAgreementModel } from './agreement.model';
import { KNOWN_ORGANIZATION_MODEL, KnownOrganization, KnownOrganizationModel } from './organization.model';
import { KNOWN_REGISTRATION_MODEL, KnownRegistrationModel } from './registration.model';

/** Registrations that hold a place (or a waitlist spot) make an event one of "mine". */
const ACTIVE_REGISTRATION: RegistrationStatus[] = ['confirmed', 'waitlisted'];

/**
 * The calendar's view of other services, fed only by their events (no synchronous calls).
 * Events may arrive again or out of order: a snapshot is kept only if its version is newer.
 */
@Injectable()
export class ReadModels {
  constructor(
    @Inject(KNOWN_ORGANIZATION_MODEL) private readonly organizations: KnownOrganizationModel,
    @Inject(KNOWN_AGREEMENT_MODEL) private readonly agreements: KnownAgreementModel,
    @Inject(KNOWN_REGISTRATION_MODEL) private readonly registrations: KnownRegistrationModel,
  ) {}

  saveOrganization(o: Organization): Promise<void> {
    return keepLatest(this.organizations, o.id, {
      shortName: o.shortName,
      fullName: o.fullName,
      kind: o.kind,
      settlement: o.settlement,
      address: o.address,
      head: o.head,
      rooms: o.rooms,
      version: o.version,
    });
  }

  saveAgreement(a: Agreement): Promise<void> {
    return keepLatest(this.agreements, a.id, {
      number: a.number,
      partyIds: a.parties.map((p) => p.organizationId),
      status: a.status,
      validFrom: a.validFrom,
      validTo: a.validTo,
      ...(a.terminatedOn ? { terminatedOn: a.terminatedOn } : {}),
      ...(a.terminationReason ? { terminationReason: a.terminationReason } : {}),
      version: a.version,
    });
  }

  saveRegistration(r: Registration): Promise<void> {
    return keepLatest(this.registrations, r.id, {
      eventId: r.eventId,
      organizationId: r.organizationId,
      status: r.status,
      version: r.version,
      updatedAt: new Date(r.updatedAt),
    });
  }

  organization(id: string): Promise<KnownOrganization | null> {
    return this.organizations.findById(id).lean();
  }

  async organizationsById(ids: string[]): Promise<Map<string, KnownOrganization>> {
    const docs = await this.organizations.find({ _id: { $in: ids } }).lean();
    return new Map(docs.map((d) => [d._id, d]));
  }

  agreement(id: string): Promise<KnownAgreement | null> {
    return this.agreements.findById(id).lean();
  }

  /** Events an organisation has groups registered for. */
  async registeredEventIds(organizationId: string): Promise<string[]> {
    const docs = await this.registrations.find({ organizationId, status: { $in: ACTIVE_REGISTRATION } }, { eventId: 1 }).lean();
    return [...new Set(docs.map((d) => d.eventId))];
  }

  /** The latest change to an organisation's registrations: part of its "mine" feed's validators. */
  async registrationsChangedAt(organizationId: string): Promise<Date | undefined> {
    const [latest] = await this.registrations.find({ organizationId }, { updatedAt: 1 }).sort({ updatedAt: -1 }).limit(1).lean();
    return latest?.updatedAt;
  }
}
