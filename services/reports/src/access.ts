import { Actor, errors } from '@tochka/contracts';

/**
 * Who may have which document: the coordinator everything; a centre head the plan and the report
 * of its own centre; everyone signed in the published plan and the festival programme.
 */
export function assertCoordinator(actor: Actor, action: string): void {
  if (actor.role !== 'coordinator') throw errors.forbidden(`${action} может только координатор (методическая служба)`);
}

/** The organisation a monitoring report may cover for this actor (undefined: the whole district). */
export function monitoringScope(actor: Actor, org: string | undefined): string | undefined {
  if (actor.role === 'coordinator') return org;
  if (actor.role === 'centre_head') {
    if (org && org !== actor.organizationId) throw errors.forbidden('Руководитель центра видит отчёт только своего центра');
    return actor.organizationId;
  }
  throw errors.forbidden('Отчёт мониторинга доступен координатору и руководителям центров');
}
