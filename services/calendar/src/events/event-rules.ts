import {
  Actor,
  agreementValidOn,
  CalendarEvent,
  DomainError,
  errors,
  EventStatus,
  eventStatusLabels,
  eventVisibleTo,
  FieldError,
  formatMoscowDate,
  moscowDate,
  PUBLIC_EVENT_STATUSES,
} from '@tochka/contracts';
import { KnownAgreement } from '../read-models/agreement.model';

/**
 * The event's rules, free of storage. Lifecycle:
 * proposed → approved | rejected; approved ⇄ at_risk (its agreement ended / a valid one named again);
 * proposed | approved | at_risk → cancelled; approved | at_risk → held (after the end, with a report).
 */

/** Seen by every signed-in user; the others only by the host's users and the coordinator (`eventVisibleTo`). */
export const PUBLIC_STATUSES: EventStatus[] = [...PUBLIC_EVENT_STATUSES];
/** States in which the event is planned to happen (it holds its room). */
export const BOOKED_STATUSES: EventStatus[] = ['approved', 'at_risk'];
/** What may still be changed, moved or cancelled. */
export const OPEN_STATUSES: EventStatus[] = ['proposed', 'approved', 'at_risk'];

export function mayRead(actor: Actor, event: Pick<CalendarEvent, 'status' | 'host'>): boolean {
  return eventVisibleTo(actor, { status: event.status, hostId: event.host.organizationId });
}

export function assertMayPropose(actor: Actor, hostId: string): void {
  if (actor.role === 'coordinator') return;
  if (actor.role !== 'centre_head') throw errors.forbidden('Предлагать мероприятия могут руководители центров и координатор');
  if (hostId !== actor.organizationId) throw errors.forbidden('Руководитель центра предлагает мероприятия только своей организации');
}

export function assertCoordinator(actor: Actor, action: string): void {
  if (actor.role !== 'coordinator') throw errors.forbidden(`${action} может только координатор (методическая служба)`);
}

/** The host's centre head or the coordinator. */
export function assertMayManage(actor: Actor, event: Pick<CalendarEvent, 'host'>, action: string): void {
  if (actor.role === 'coordinator') return;
  if (actor.role === 'centre_head' && actor.organizationId === event.host.organizationId) return;
  throw errors.forbidden(`${action} может руководитель центра-организатора или координатор`);
}

export function assertStatus(event: Pick<CalendarEvent, 'status'>, allowed: EventStatus[], action: string): void {
  if (!allowed.includes(event.status)) {
    throw new DomainError('invalid_transition', `Нельзя ${action}: мероприятие в статусе «${eventStatusLabels[event.status]}»`, 409, undefined, {
      currentStatus: event.status,
    });
  }
}

/**
 * An event with partners must name an agreement to which the host and every partner are parties
 * and which is valid on the event's dates (Moscow). Returns the problems, each on its field.
 */
export function agreementProblems(
  agreement: KnownAgreement,
  host: { id: string; name: string },
  partners: { id: string; name: string }[],
  start: Date,
  end: Date,
): FieldError[] {
  const problems: FieldError[] = [];
  const parties = new Set(agreement.partyIds);
  if (!parties.has(host.id)) {
    problems.push({ path: 'hostId', message: `Организатор «${host.name}» не является стороной соглашения № ${agreement.number}` });
  }
  partners.forEach((p, i) => {
    if (!parties.has(p.id)) problems.push({ path: `partners.${i}`, message: `«${p.name}» не является стороной соглашения № ${agreement.number}` });
  });
  for (const date of new Set([moscowDate(start), moscowDate(end)])) {
    if (!agreementValidOn(agreement, date)) {
      problems.push({ path: 'agreementId', message: `Соглашение № ${agreement.number} не действует ${formatMoscowDate(date)}` });
    }
  }
  return problems;
}

/** Why an approved event is at risk now that its agreement ended. */
export function atRiskReason(agreement: KnownAgreement): string {
  if (agreement.status === 'terminated') {
    const on = agreement.terminatedOn ? ` ${formatMoscowDate(agreement.terminatedOn)}` : '';
    return `Соглашение № ${agreement.number} расторгнуто${on}${agreement.terminationReason ? `: ${agreement.terminationReason}` : ''}. Нужно решение координатора.`;
  }
  return `Срок действия соглашения № ${agreement.number} истёк ${formatMoscowDate(agreement.validTo)}. Нужно решение координатора.`;
}
