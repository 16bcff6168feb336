import type { Role } from './format';

/**
 * What each role may do, as the gateway's routes decide it (README, "Who may"): the pages offer
 * only these, so nothing on screen ends in a 403.
 */
export const may = {
  /** POST /api/events/:id/registrations — for the host or an invited partner organisation. */
  registerGroups: (role: Role) => role === 'kindergarten' || role === 'centre_head' || role === 'staff',
  /** GET /api/registrations: one's own organisation's registrations. */
  seeOwnRegistrations: (role: Role) => role === 'kindergarten' || role === 'centre_head' || role === 'staff',
  /** GET /api/reports/monitoring: the coordinator (the district) and a centre head (its centre). */
  seeReports: (role: Role) => role === 'coordinator' || role === 'centre_head',
  /** POST /api/events: the centre's head (own organisation) or the coordinator (any host). */
  proposeEvents: (role: Role) => role === 'centre_head' || role === 'coordinator',
  /** The methodical service's work: approve, reject, the delivery log, accounts, festivals, terminate. */
  coordinate: (role: Role) => role === 'coordinator',
  /** POST /api/agreements (drafts that include one's organisation), propose, withdraw, renew. */
  draftAgreements: (role: Role) => role === 'centre_head' || role === 'kindergarten' || role === 'coordinator',
  /** POST /api/agreements/:id/sign: only the head of a party, for its own organisation. */
  signAgreements: (role: Role) => role === 'centre_head' || role === 'kindergarten',
};

/** Whether an organisation may register a group for an event: the host or an invited partner. */
export function organisationTakesPart(event: { host: { organizationId: string }; partners: { organizationId: string }[] }, organizationId: string) {
  return event.host.organizationId === organizationId || event.partners.some((p) => p.organizationId === organizationId);
}
