import { Inject, Injectable } from '@nestjs/common';
import { Agreement, CalendarEvent, EventSummary, Organization, Registration } from '@tochka/contracts';
import { keepLatest } from '@tochka/runtime';
import { parse, READ_MODELS, ReadModels, RegistrationDoc, RegistrationTotals } from './models';

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

  /**
   * Events starting within [from, to) (instants), of one status and one host when given. FerretDB
   * scans for the range; a district's years are small.
   */
  async eventsBetween(from: Date, to: Date, only: { status?: string; hostId?: string } = {}): Promise<CalendarEvent[]> {
    const docs = await this.models.events.find({ start: { $gte: from, $lt: to }, ...only }).lean();
    return docs.map((d) => parse<CalendarEvent>(d)).sort(byStart);
  }

  async festivalEvents(festivalId: string): Promise<CalendarEvent[]> {
    const docs = await this.models.events.find({ festivalId }).lean();
    return docs.map((d) => parse<CalendarEvent>(d)).sort(byStart);
  }

  /**
   * The confirmed registrations of events starting within [from, to), summed per event id. Read
   * through a cursor and added up as they come: a year's tens of thousands of registrations are
   * never in memory at once (all of them at once took the process past 600 MB at 50,000).
   */
  async confirmedTotalsBetween(from: Date, to: Date): Promise<Map<string, RegistrationTotals>> {
    const totals = new Map<string, RegistrationTotals>();
    const cursor = this.models.registrations
      .find({ eventStart: { $gte: from, $lt: to }, status: 'confirmed' }, { _id: 0, eventId: 1, children: 1, attended: 1, actualChildren: 1 })
      .lean<Pick<RegistrationDoc, 'eventId' | 'children' | 'attended' | 'actualChildren'>>()
      .cursor();
    for await (const r of cursor) {
      const t = totals.get(r.eventId) ?? { groups: 0, children: 0, groupsAttended: 0, childrenAttended: 0 };
      totals.set(r.eventId, t);
      t.groups++;
      t.children += r.children;
      if (r.attended) {
        t.groupsAttended++;
        t.childrenAttended += r.actualChildren ?? 0;
      }
    }
    return totals;
  }

  registrationsOf(eventIds: string[]): Promise<RegistrationDoc[]> {
    return this.models.registrations.find({ eventId: { $in: eventIds } }).lean<RegistrationDoc[]>();
  }
}

export function byStart(a: CalendarEvent, b: CalendarEvent): number {
  return a.start.localeCompare(b.start) || a.title.localeCompare(b.title, 'ru');
}
