import { Inject, Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { z } from 'zod';
import {
  Actor,
  addDays,
  addYears,
  Agreement,
  agreementEvents,
  AgreementInput,
  agreementListQuerySchema,
  agreementSchema,
  errors,
  moscowDate,
  moscowStartOfDay,
} from '@tochka/contracts';
import { createEvent, fingerprint, keyedId, PendingEvent } from '@tochka/messaging';
import { Clock, CLOCK, paginate } from '@tochka/runtime';
import { OrganizationsService } from '../organizations/organizations.service';
import { AGREEMENT_MODEL, AgreementModel } from './agreement.model';
import { AGREEMENT_STORE, AgreementStore, toAgreement } from './agreement.store';
import { allSigned, assertMayCreate, assertMayManage, assertStatus, checkSignature, renewedNumber, validOnFilter } from './lifecycle';

type Change = { set: Partial<Agreement>; events: (next: Agreement) => PendingEvent[] };

/** Agreements: every change is one write of the document with its events (the aggregate store). */
@Injectable()
export class AgreementsService {
  constructor(
    @Inject(AGREEMENT_MODEL) private readonly agreements: AgreementModel,
    @Inject(AGREEMENT_STORE) private readonly store: AgreementStore,
    private readonly organizations: OrganizationsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A new draft. Under an Idempotency-Key a repeat of the request answers the draft the first one made. */
  async create(actor: Actor, input: AgreementInput, opts: { previousAgreementId?: string; idempotencyKey?: string } = {}): Promise<Agreement> {
    const { previousAgreementId, idempotencyKey } = opts;
    assertMayCreate(
      actor,
      input.parties.map((p) => p.organizationId),
    );
    const agreement = agreementSchema.parse({
      id: idempotencyKey ? keyedId('agreement', `${actor.userId}:${idempotencyKey}`) : new Types.ObjectId().toHexString(),
      ...(await this.describe(input)),
      ...(previousAgreementId ? { previousAgreementId } : {}),
      status: 'draft',
      signatures: [],
      createdBy: { userId: actor.userId, organizationId: actor.organizationId },
      createdAt: this.clock.now().toISOString(),
      version: 1,
    });
    if (idempotencyKey) {
      const created = await this.store.insertOnce(agreement, [], { key: `${actor.userId}:${idempotencyKey}`, requestHash: fingerprint(input) });
      if (!created) throw numberTaken(agreement.number);
      return created.state;
    }
    if (!(await this.store.insert(agreement, []))) throw numberTaken(agreement.number);
    return agreement;
  }

  propose(actor: Actor, id: string): Promise<Agreement> {
    return this.transition(id, (current, now) => {
      assertMayManage(actor, current, 'Направить соглашение сторонам');
      assertStatus(current, ['draft'], 'направить соглашение сторонам');
      return { set: { status: 'proposed', proposedAt: now.toISOString() }, events: (next) => [createEvent(agreementEvents.proposed, { agreement: next })] };
    });
  }

  sign(actor: Actor, id: string, organizationId?: string): Promise<Agreement> {
    return this.transition(id, (current, now) => {
      const signer = checkSignature(actor, current, organizationId, moscowDate(now));
      const signature = { organizationId: signer, userId: actor.userId, signedAt: now.toISOString() };
      const signatures = [...current.signatures, signature];
      const complete = allSigned({ parties: current.parties, signatures });
      return {
        set: { signatures, ...(complete ? { status: 'active' as const, activatedAt: now.toISOString() } : {}) },
        events: (next) => [
          createEvent(agreementEvents.signed, { agreement: next, signature }),
          ...(complete ? [createEvent(agreementEvents.activated, { agreement: next })] : []),
        ],
      };
    });
  }

  withdraw(actor: Actor, id: string, reason?: string): Promise<Agreement> {
    return this.transition(id, (current, now) => {
      assertMayManage(actor, current, 'Отозвать соглашение');
      assertStatus(current, ['draft', 'proposed'], 'отозвать соглашение');
      return {
        set: { status: 'withdrawn', withdrawnAt: now.toISOString(), ...(reason ? { withdrawalReason: reason } : {}) },
        events: (next) => [createEvent(agreementEvents.withdrawn, { agreement: next })],
      };
    });
  }

  terminate(actor: Actor, id: string, reason: string): Promise<Agreement> {
    return this.transition(id, (current, now) => {
      if (actor.role !== 'coordinator') throw errors.forbidden('Расторгнуть соглашение может только координатор');
      assertStatus(current, ['active'], 'расторгнуть соглашение');
      return {
        set: { status: 'terminated', terminatedAt: now.toISOString(), terminatedOn: moscowDate(now), terminationReason: reason },
        events: (next) => [createEvent(agreementEvents.terminated, { agreement: next })],
      };
    });
  }

  async renew(actor: Actor, id: string, opts: { number?: string; validFrom?: string; validTo?: string }): Promise<Agreement> {
    const old = await this.get(id);
    assertMayManage(actor, old, 'Продлить соглашение');
    assertStatus(old, ['active', 'expired'], 'продлить соглашение');
    // The next period: from the day after the old one ends, for a year (a school year for the usual 31 August).
    const validFrom = opts.validFrom ?? addDays(old.validTo, 1);
    const validTo = opts.validTo ?? addDays(addYears(validFrom, 1), -1);
    if (validFrom > validTo) throw errors.validation([{ path: 'validTo', message: 'Дата окончания действия раньше даты начала' }]);
    const input: AgreementInput = {
      number: opts.number ?? renewedNumber(old.number, validFrom.slice(0, 4)),
      title: old.title,
      parties: old.parties.map((p) => ({ organizationId: p.organizationId, responsible: p.responsible })),
      directions: old.directions,
      validFrom,
      validTo,
      ...(old.notes ? { notes: old.notes } : {}),
    };
    return this.create(actor, input, { previousAgreementId: old.id });
  }

  /**
   * Load an agreement that was signed on paper (the district's 2022 agreements). Twice = once.
   * One whose term has already ended is loaded as `expired` (since the day after `validTo`): both
   * its activation and its expiry are announced, marked `imported`, so read models learn of it and
   * nobody is mailed about the past.
   */
  async import(actor: Actor, input: AgreementInput, signedOn: Record<string, string>, awaitingSignatures = false): Promise<Agreement> {
    if (actor.role !== 'coordinator') throw errors.forbidden('Загружать подписанные соглашения может только координатор');
    const existing = await this.agreements.findOne({ number: input.number }).lean();
    if (existing) return this.sameOrConflict(toAgreement(existing), input);
    const missing = input.parties.filter((p) => !signedOn[p.organizationId]);
    if (awaitingSignatures) return this.importAwaiting(actor, input, signedOn, missing.length);
    if (missing.length) {
      throw errors.validation(missing.map((p) => ({ path: `signedOn.${p.organizationId}`, message: 'Нет даты подписи этой стороны' })));
    }
    const signatures = input.parties
      .map((p) => ({
        organizationId: p.organizationId,
        userId: `import:${actor.userId}`,
        signedAt: new Date(`${signedOn[p.organizationId]}T12:00:00+03:00`).toISOString(),
      }))
      .sort((a, b) => a.signedAt.localeCompare(b.signedAt));
    const now = this.clock.now();
    const active = agreementSchema.parse({
      id: new Types.ObjectId().toHexString(),
      ...(await this.describe(input)),
      status: 'active',
      signatures,
      createdBy: { userId: actor.userId, organizationId: actor.organizationId },
      createdAt: now.toISOString(),
      proposedAt: signatures.at(0)?.signedAt,
      activatedAt: signatures.at(-1)?.signedAt,
      version: 1,
    });
    const ended = input.validTo < moscowDate(now);
    const agreement = ended
      ? agreementSchema.parse({ ...active, status: 'expired', expiredAt: moscowStartOfDay(addDays(input.validTo, 1)).toISOString(), version: 2 })
      : active;
    const events = [
      createEvent(agreementEvents.activated, { agreement: active, imported: true }),
      ...(ended ? [createEvent(agreementEvents.expired, { agreement, imported: true })] : []),
    ];
    if (await this.store.insert(agreement, events)) return agreement;
    const again = await this.agreements.findOne({ number: input.number }).lean();
    if (again) return this.sameOrConflict(toAgreement(again), input);
    throw numberTaken(input.number);
  }

  /** Handed to the parties on paper, some of them signed: `proposed`, announced quietly (`imported`). */
  private async importAwaiting(actor: Actor, input: AgreementInput, signedOn: Record<string, string>, missing: number): Promise<Agreement> {
    if (!missing)
      throw errors.validation([{ path: 'awaitingSignatures', message: 'Все стороны уже подписали соглашение: загрузите его без awaitingSignatures' }]);
    const unknown = Object.keys(signedOn).filter((id) => !input.parties.some((p) => p.organizationId === id));
    if (unknown.length) throw errors.validation(unknown.map((id) => ({ path: `signedOn.${id}`, message: 'Эта организация не сторона соглашения' })));
    const signatures = Object.entries(signedOn)
      .map(([organizationId, date]) => ({ organizationId, userId: `import:${actor.userId}`, signedAt: new Date(`${date}T12:00:00+03:00`).toISOString() }))
      .sort((a, b) => a.signedAt.localeCompare(b.signedAt));
    const now = this.clock.now();
    const agreement = agreementSchema.parse({
      id: new Types.ObjectId().toHexString(),
      ...(await this.describe(input)),
      status: 'proposed',
      signatures,
      createdBy: { userId: actor.userId, organizationId: actor.organizationId },
      createdAt: now.toISOString(),
      proposedAt: signatures.at(0)?.signedAt ?? now.toISOString(),
      version: 1,
    });
    if (await this.store.insert(agreement, [createEvent(agreementEvents.proposed, { agreement, imported: true })])) return agreement;
    const again = await this.agreements.findOne({ number: input.number }).lean();
    if (again) return this.sameOrConflict(toAgreement(again), input);
    throw numberTaken(input.number);
  }

  get(id: string): Promise<Agreement> {
    return this.store.get(id);
  }

  async list(query: z.output<typeof agreementListQuerySchema>) {
    const conditions: object[] = [
      ...(query.party ? [{ 'parties.organizationId': query.party }] : []),
      ...(query.direction ? [{ directions: query.direction }] : []),
      ...(query.status ? [{ status: query.status }] : []),
      ...(query.validOn ? [validOnFilter(query.validOn)] : []),
    ];
    return paginate(this.agreements, conditions.length ? { $and: conditions } : {}, { number: 1 }, query, toAgreement);
  }

  /** Who `organizationId` may work with on `date`, and under which agreements. */
  async partners(organizationId: string, date: string) {
    const docs = await this.agreements
      .find({ 'parties.organizationId': organizationId, ...validOnFilter(date) } as never)
      .sort({ number: 1 })
      .lean();
    const partners = new Map<string, { organizationId: string; organizationName: string; agreementIds: string[] }>();
    for (const doc of docs) {
      for (const p of doc.parties) {
        if (p.organizationId === organizationId) continue;
        const entry = partners.get(p.organizationId) ?? { organizationId: p.organizationId, organizationName: p.organizationName, agreementIds: [] };
        entry.agreementIds.push(doc._id.toHexString());
        partners.set(p.organizationId, entry);
      }
    }
    return { organizationId, date, partners: [...partners.values()] };
  }

  /** Apply a rule to the current agreement and write the result (null: nothing to do). */
  transition(id: string, apply: (current: Agreement, now: Date) => Change | null): Promise<Agreement> {
    return this.store.update(id, (current) => {
      const change = apply(current, this.clock.now());
      if (!change) return null;
      const next = agreementSchema.parse({ ...current, ...change.set, version: current.version + 1 });
      return { next, events: change.events(next) };
    });
  }

  private async describe(input: AgreementInput) {
    const ids = input.parties.map((p) => p.organizationId);
    const orgs = await this.organizations.getMany(ids);
    const unknown = ids.map((id, i) => ({ id, i })).filter(({ id }) => !orgs.has(id));
    if (unknown.length) {
      throw errors.validation(unknown.map(({ id, i }) => ({ path: `parties.${i}.organizationId`, message: `Организация «${id}» не найдена` })));
    }
    return {
      number: input.number,
      title: input.title,
      parties: input.parties.map((p) => {
        const org = orgs.get(p.organizationId)!;
        return { organizationId: org.id, organizationName: org.shortName, organizationKind: org.kind, responsible: p.responsible };
      }),
      directions: input.directions,
      validFrom: input.validFrom,
      validTo: input.validTo,
      ...(input.notes ? { notes: input.notes } : {}),
    };
  }

  private sameOrConflict(existing: Agreement, input: AgreementInput): Agreement {
    const same =
      existing.validFrom === input.validFrom &&
      existing.validTo === input.validTo &&
      existing.parties
        .map((p) => p.organizationId)
        .sort()
        .join() ===
        input.parties
          .map((p) => p.organizationId)
          .sort()
          .join();
    if (!same) throw errors.conflict('number_taken', `Номер соглашения «${input.number}» уже используется другим соглашением`);
    return existing;
  }
}

const numberTaken = (number: string) => errors.conflict('number_taken', `Номер соглашения «${number}» уже используется`);
