import { Actor, Agreement, agreementStatusLabels, AgreementStatus, DomainError, errors } from '@tochka/contracts';

/**
 * The agreement's rules, free of storage: who may do what, in which state.
 * draft → proposed → active (every party signed) → expired (after validTo) | terminated (coordinator);
 * draft | proposed → withdrawn. Anything else is a 409 naming the current state.
 */

const HEADS = new Set(['centre_head', 'kindergarten']);

function isParty(agreement: Pick<Agreement, 'parties'>, organizationId: string): boolean {
  return agreement.parties.some((p) => p.organizationId === organizationId);
}

/** Coordinator: any agreement. Heads of centres and kindergartens: those their organisation is party to. */
export function assertMayManage(actor: Actor, agreement: Pick<Agreement, 'parties'>, what: string): void {
  if (actor.role === 'coordinator') return;
  if (HEADS.has(actor.role) && isParty(agreement, actor.organizationId)) return;
  throw errors.forbidden(`${what}: доступно координатору и руководителям организаций — сторон соглашения`);
}

export function assertStatus(agreement: Pick<Agreement, 'status'>, allowed: AgreementStatus[], action: string): void {
  if (!allowed.includes(agreement.status)) {
    throw new DomainError('invalid_transition', `Нельзя ${action}: соглашение в статусе «${agreementStatusLabels[agreement.status]}»`, 409, undefined, {
      currentStatus: agreement.status,
    });
  }
}

export function assertMayCreate(actor: Actor, partyIds: string[]): void {
  if (actor.role === 'coordinator') return;
  if (!HEADS.has(actor.role)) throw errors.forbidden('Создавать соглашения могут координатор и руководители центров и детских садов');
  if (!partyIds.includes(actor.organizationId)) {
    throw errors.forbidden('Можно создать соглашение только с участием своей организации');
  }
}

/** Who signs, for which organisation; throws the 403/409 the user should see. */
export function checkSignature(actor: Actor, agreement: Agreement, requestedOrg: string | undefined, today: string): string {
  const organizationId = requestedOrg ?? actor.organizationId;
  if (!HEADS.has(actor.role) && actor.role !== 'coordinator') {
    throw errors.forbidden('Подписывать соглашения может только руководитель организации');
  }
  if (organizationId !== actor.organizationId) throw errors.forbidden('Подписать соглашение можно только от имени своей организации');
  assertStatus(agreement, ['proposed'], 'подписать соглашение');
  if (!isParty(agreement, organizationId)) throw errors.forbidden('Ваша организация не является стороной этого соглашения');
  if (agreement.signatures.some((s) => s.organizationId === organizationId)) {
    throw errors.conflict('already_signed', 'Ваша организация уже подписала это соглашение');
  }
  if (today > agreement.validTo) throw errors.conflict('agreement_outdated', 'Срок действия соглашения уже прошёл: подписать его нельзя');
  return organizationId;
}

export function allSigned(agreement: Pick<Agreement, 'parties' | 'signatures'>): boolean {
  const signed = new Set(agreement.signatures.map((s) => s.organizationId));
  return agreement.parties.every((p) => signed.has(p.organizationId));
}

/** The Mongo filter equivalent of `agreementValidOn` in contracts (same rule, for queries). */
export function validOnFilter(date: string) {
  return {
    validFrom: { $lte: date },
    validTo: { $gte: date },
    $or: [{ status: { $in: ['active', 'expired'] } }, { status: 'terminated', terminatedOn: { $gt: date } }],
  };
}

/** «СВ-2022/07» renewed from 2023 → «СВ-2023/07». */
export function renewedNumber(number: string, year: string): string {
  return /\d{4}/.test(number) ? number.replace(/\d{4}/, year) : `${number}-${year}`;
}
