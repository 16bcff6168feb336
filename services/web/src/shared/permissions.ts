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
};

/** Whether an organisation may register a group for an event: the host or an invited partner. */
export function organisationTakesPart(event: { host: { organizationId: string }; partners: { organizationId: string }[] }, organizationId: string) {
  return event.host.organizationId === organizationId || event.partners.some((p) => p.organizationId === organizationId);
}
