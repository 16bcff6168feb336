import { Inject, Injectable } from '@nestjs/common';
import { Agreement, CalendarEvent, EventSummary, Organization, Registration } from '@tochka/contracts';
import { keepLatest } from '@tochka/runtime';
import { parse, READ_MODELS, ReadModels, RegistrationDoc } from './models';

/** Writes keep the newest snapshot (an older or repeated event changes nothing); reads serve the documents. */
@Injectable()
export class ReportsStore {
  constructor(@Inject(READ_MODELS) readonly models: ReadModels) {}

  recordOrganization(o: Organization): Promise<void> {
    return keepLatest(this.models.organizations, o.id, { version: o.version, json: JSON.stringify(o), kind: o.kind });
  }

  recordAgreement(a: Agreement): Promise<void> {
    return keepLatest(this.models.agreements, a.id, { version: a.version, json: JSON.stringify(a), status: a.status, number: a.number });
  }

  recordEvent(e: CalendarEvent): Promise<void> {
    return keepLatest(this.models.events, e.id, {
      version: e.version,
      json: JSON.stringify(e),
      status: e.status,
      start: new Date(e.start),
      hostId: e.host.organizationId,
      ...(e.festivalId ? { festivalId: e.festivalId } : {}),
    });
  }

  recordRegistration(r: Registration, event: EventSummary): Promise<void> {
    return keepLatest(this.models.registrations, r.id, {
      version: r.version,
      eventId: r.eventId,
      eventStart: new Date(event.start),
      organizationId: r.organizationId,
      organizationName: r.organizationName,
      status: r.status,
      children: r.children,
      ...(r.attendance ? { attended: r.attendance.attended, actualChildren: r.attendance.actualChildren } : {}),
    });
  }

  async organizations(): Promise<Map<string, Organization>> {
    const docs = await this.models.organizations.find({}).lean();
    return new Map(docs.map((d) => parse<Organization>(d)).map((o) => [o.id, o]));
  }

  async organization(id: string): Promise<Organization | undefined> {
    const doc = await this.models.organizations.findById(id).lean();
    return doc ? parse<Organization>(doc) : undefined;
  }

  async agreements(): Promise<Agreement[]> {
    const docs = await this.models.agreements.find({}).lean();
    return docs.map((d) => parse<Agreement>(d));
  }

  /** Events starting within [from, to) (instants). FerretDB scans for the range; a district's years are small. */
  async eventsBetween(from: Date, to: Date): Promise<CalendarEvent[]> {
    const docs = await this.models.events.find({ start: { $gte: from, $lt: to } }).lean();
    return docs.map((d) => parse<CalendarEvent>(d)).sort(byStart);
  }

  async festivalEvents(festivalId: string): Promise<CalendarEvent[]> {
    const docs = await this.models.events.find({ festivalId }).lean();
    return docs.map((d) => parse<CalendarEvent>(d)).sort(byStart);
  }

  /** Registrations of events starting within [from, to), only the counted fields. */
  registrationsBetween(from: Date, to: Date): Promise<RegistrationDoc[]> {
    return this.models.registrations.find({ eventStart: { $gte: from, $lt: to } }).lean<RegistrationDoc[]>();
  }

  registrationsOf(eventIds: string[]): Promise<RegistrationDoc[]> {
    return this.models.registrations.find({ eventId: { $in: eventIds } }).lean<RegistrationDoc[]>();
  }
}

export function byStart(a: CalendarEvent, b: CalendarEvent): number {
  return a.start.localeCompare(b.start) || a.title.localeCompare(b.title, 'ru');
}
