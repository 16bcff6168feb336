import { Actor, DomainError, errors, RegistrationDetails, RegistrationInput, registrationEvents } from '@tochka/contracts';
import { LedgerDraft } from '../ledger/ledger-draft';
import { detailsOf, Entry, fits, groupKey, isActive } from '../ledger/ledger';
import { assertMayRegister, participantOf, visibleLedger } from './access';
import { assertOpenForRegistration } from './event-state';

export interface RegisterCommand {
  actor: Actor;
  input: RegistrationInput;
  /** Fixed before the first attempt, so a retried write registers the same id. */
  id: string;
  idempotencyKey?: string;
  requestHash: string;
}

/**
 * A group arrives: confirmed if it fits the free places now, otherwise last on the waitlist.
 * A repeat of a request (same organisation, same Idempotency-Key) returns what the first one got.
 */
export function register(draft: LedgerDraft, cmd: RegisterCommand, defaultDeadlineHours: number): { registration: RegistrationDetails; replayed: boolean } {
  const { actor, input } = cmd;
  assertMayRegister(actor);
  const ledger = visibleLedger(actor, draft.ledger);
  if (cmd.idempotencyKey) {
    const earlier = ledger.registrations.find((r) => r.organizationId === actor.organizationId && r.idempotencyKey === cmd.idempotencyKey);
    if (earlier) {
      if (earlier.requestHash !== cmd.requestHash) {
        throw new DomainError(
          'idempotency_key_reused',
          'Ключ Idempotency-Key уже использован для другой заявки на это мероприятие. Для новой заявки нужен новый ключ.',
          422,
        );
      }
      return { registration: detailsOf(ledger, earlier), replayed: true };
    }
  }
  const organization = participantOf(ledger, actor.organizationId);
  if (!organization) throw errors.forbidden('Ваша организация не является организатором или приглашённым партнёром этого мероприятия');
  const capacity = assertOpenForRegistration(ledger, draft.now, defaultDeadlineHours);
  if (capacity.seats !== undefined && input.children > capacity.seats) {
    const message = `Детей в группе (${input.children}) больше, чем мест на всём мероприятии (${capacity.seats})`;
    throw new DomainError('group_exceeds_capacity', message, 400, [{ path: 'children', message }], { capacitySeats: capacity.seats });
  }
  const key = groupKey(input.groupName);
  const own = ledger.registrations.filter((r) => isActive(r) && r.organizationId === actor.organizationId);
  if (own.some((r) => r.groupKey === key)) {
    throw errors.conflict('duplicate_group', `Группа «${input.groupName}» вашей организации уже записана на это мероприятие`);
  }
  const limit = ledger.maxGroupsPerOrganization;
  if (limit !== undefined && own.length >= limit) {
    throw errors.conflict('organization_limit_reached', `От одной организации на это мероприятие можно записать групп не больше: ${limit}`, {
      maxGroupsPerOrganization: limit,
    });
  }

  const confirmed = fits(ledger, input.children);
  const now = draft.now;
  const entry: Entry = {
    id: cmd.id,
    seq: ledger.nextSeq,
    organizationId: actor.organizationId,
    organizationName: organization.organizationName,
    groupName: input.groupName,
    groupKey: key,
    children: input.children,
    ...(input.ageBand !== undefined ? { ageBand: input.ageBand } : {}),
    adults: input.adults,
    contactEmail: input.contactEmail,
    ...(input.notes ? { notes: input.notes } : {}),
    status: confirmed ? 'confirmed' : 'waitlisted',
    ...(confirmed ? {} : { waitlistPosition: ledger.registrations.filter((r) => r.status === 'waitlisted').length + 1 }),
    createdBy: { userId: actor.userId, organizationId: actor.organizationId },
    createdAt: now,
    updatedAt: now,
    version: 1,
    ...(cmd.idempotencyKey ? { idempotencyKey: cmd.idempotencyKey, requestHash: cmd.requestHash } : {}),
  };
  draft.add(entry);
  draft.emit(confirmed ? registrationEvents.confirmed : registrationEvents.waitlisted, entry);
  return { registration: detailsOf(ledger, entry), replayed: false };
}
