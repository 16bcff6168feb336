import { Inject, Injectable } from '@nestjs/common';
import { Agreement, CalendarEvent, EventStatus, Organization, Registration, UserSnapshot } from '@tochka/contracts';
import { keepLatest } from '@tochka/runtime';
import { parse, READ_MODELS, ReadModels } from './read-models';
import { Recipient } from './recipient';

/**
 * Who is who, from the others' events only: the service never reads their databases or calls
 * them back. Writes keep the newest snapshot; reads answer the planners' questions.
 */
@Injectable()
export class Directory {
  constructor(@Inject(READ_MODELS) private readonly models: ReadModels) {}

  recordUser(u: UserSnapshot): Promise<void> {
    return keepLatest(this.models.users, u.id, { version: u.version, json: JSON.stringify(u), email: u.email.toLowerCase(), role: u.role, active: u.active });
  }

  recordOrganization(o: Organization): Promise<void> {
    return keepLatest(this.models.organizations, o.id, { version: o.version, json: JSON.stringify(o) });
  }

  recordAgreement(a: Agreement): Promise<void> {
    return keepLatest(this.models.agreements, a.id, { version: a.version, json: JSON.stringify(a), status: a.status, validTo: a.validTo });
  }

  recordEvent(e: CalendarEvent): Promise<void> {
    return keepLatest(this.models.events, e.id, { version: e.version, json: JSON.stringify(e), status: e.status, start: new Date(e.start) });
  }

  recordRegistration(r: Registration): Promise<void> {
    return keepLatest(this.models.registrations, r.id, { version: r.version, json: JSON.stringify(r), eventId: r.eventId, status: r.status });
  }

  /** The heads of these organisations (their `head.email`), and the ids not known yet. */
  async heads(organizationIds: string[]): Promise<{ found: Map<string, Recipient>; missing: string[] }> {
    const docs = await this.models.organizations.find({ _id: { $in: organizationIds } }).lean();
    const found = new Map<string, Recipient>();
    for (const doc of docs) {
      const o = parse<Organization>(doc);
      found.set(o.id, { email: o.head.email, name: o.head.name });
    }
    return { found, missing: organizationIds.filter((id) => !found.has(id)) };
  }

  async user(id: string): Promise<UserSnapshot | undefined> {
    const doc = await this.models.users.findById(id).lean();
    return doc ? parse<UserSnapshot>(doc) : undefined;
  }

  async coordinators(): Promise<Recipient[]> {
    const docs = await this.models.users.find({ role: 'coordinator', active: true }).lean();
    return docs.map((d) => parse<UserSnapshot>(d)).map((u) => ({ email: u.email, name: u.name }));
  }

  async event(id: string): Promise<CalendarEvent | undefined> {
    const doc = await this.models.events.findById(id).lean();
    return doc ? parse<CalendarEvent>(doc) : undefined;
  }

  async eventsWithStatus(statuses: EventStatus[]): Promise<CalendarEvent[]> {
    const docs = await this.models.events
      .find({ status: { $in: statuses } })
      .sort({ start: 1 })
      .lean();
    return docs.map((d) => parse<CalendarEvent>(d));
  }

  async eventsStartingWithin(from: Date, to: Date, statuses: EventStatus[]): Promise<CalendarEvent[]> {
    const docs = await this.models.events.find({ status: { $in: statuses }, start: { $gt: from, $lte: to } }).lean();
    return docs.map((d) => parse<CalendarEvent>(d));
  }

  /** Registrations of an event with contacts to write to: anonymised ones have none. */
  async registrationsOf(eventId: string): Promise<Registration[]> {
    const docs = await this.models.registrations.find({ eventId }).lean();
    return docs
      .map((d) => parse<Registration>(d))
      .filter((r) => !r.anonymizedAt)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async agreementsEndingBetween(from: string, to: string): Promise<Agreement[]> {
    const docs = await this.models.agreements
      .find({ status: 'active', validTo: { $gte: from, $lte: to } })
      .sort({ validTo: 1 })
      .lean();
    return docs.map((d) => parse<Agreement>(d));
  }
}

/** A planner needs something a sibling stream has not delivered yet: redeliver the event later. */
export class NotYetKnown extends Error {
  constructor(what: string) {
    super(`not yet known here: ${what}; will retry`);
    this.name = 'NotYetKnown';
  }
}
