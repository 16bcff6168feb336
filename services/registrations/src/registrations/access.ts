import { Actor, errors, eventVisibleTo, Role } from '@tochka/contracts';
import { Entry, Ledger, OrganizationRef } from '../ledger/ledger';

/**
 * Who may do what with an event's registrations:
 * - kindergarten, centre_head and staff users register groups of their own organisation, which
 *   must be the host or an invited partner, and change or cancel their own registrations;
 * - the host's head and the coordinator see every registration of the event (with contacts),
 *   set its registration settings and record attendance; others see only their own.
 */

const REGISTERING_ROLES: ReadonlySet<Role> = new Set(['kindergarten', 'centre_head', 'staff']);

/**
 * The ledger of an event the actor may see, by the calendar's rule; otherwise (and when the
 * service has never heard of the event) 404, exactly as the calendar answers. Every query and
 * command on an event's registrations starts here.
 */
export function visibleLedger(actor: Actor, ledger: Ledger | undefined): Ledger {
  if (!ledger || !eventVisibleTo(actor, ledger.event)) throw errors.notFound('Мероприятие не найдено');
  return ledger;
}

function isHostHead(actor: Actor, ledger: Ledger): boolean {
  return actor.role === 'centre_head' && actor.organizationId === ledger.event.hostId;
}

/** The host's head and the coordinator see every registration of the event. */
export function seesAll(actor: Actor, ledger: Ledger): boolean {
  return actor.role === 'coordinator' || isHostHead(actor, ledger);
}

function canSee(actor: Actor, ledger: Ledger, entry: Entry): boolean {
  return seesAll(actor, ledger) || entry.organizationId === actor.organizationId;
}

/** The host or an invited partner: the organisations that may register groups. */
export function participantOf(ledger: Ledger, organizationId: string): OrganizationRef | undefined {
  if (ledger.event.hostId === organizationId) return { organizationId, organizationName: ledger.event.hostName };
  return ledger.event.partners.find((p) => p.organizationId === organizationId);
}

export function assertMayRegister(actor: Actor): void {
  if (!REGISTERING_ROLES.has(actor.role)) {
    throw errors.forbidden('Записывать группы могут сотрудники детских садов, школ и центров — от имени своей организации');
  }
}

/** A registration another organisation made is not even shown to exist. */
export function visibleEntry(actor: Actor, ledger: Ledger, id: string): Entry {
  const entry = ledger.registrations.find((r) => r.id === id);
  if (!entry || !canSee(actor, ledger, entry)) throw errors.notFound('Регистрация не найдена');
  return entry;
}

function ownsOrCoordinates(actor: Actor, entry: Entry): boolean {
  return actor.role === 'coordinator' || (REGISTERING_ROLES.has(actor.role) && actor.organizationId === entry.organizationId);
}

/** Size, contacts, notes: the organisation that registered, or the coordinator. */
export function assertMayChange(actor: Actor, entry: Entry): void {
  if (!ownsOrCoordinates(actor, entry)) throw errors.forbidden('Изменить запись может организация, которая её сделала, или координатор');
}

/** Cancel: the organisation that registered, the host's head, or the coordinator. */
export function assertMayCancel(actor: Actor, ledger: Ledger, entry: Entry): void {
  if (ownsOrCoordinates(actor, entry) || isHostHead(actor, ledger)) return;
  throw errors.forbidden('Отменить запись может организация, которая её сделала, руководитель центра-организатора или координатор');
}

/** Settings and attendance of an event: its host's head or the coordinator. */
export function assertManagesEvent(actor: Actor, ledger: Ledger, what: string): void {
  if (seesAll(actor, ledger)) return;
  throw errors.forbidden(`${what} может руководитель центра-организатора или координатор`);
}
