import { Role } from '@tochka/contracts';

/**
 * Who may call each route: declared once, here, for every operation of the OpenAPI document.
 * The gateway's guards and the services' rules enforce it; `test/authorisation-matrix.spec.ts`
 * checks every route × role × own/other organisation × no/forged/expired token against this
 * table, and fails for a route that has no rule — a new route must say who may use it.
 *
 * - `roles`: the roles that may use the route at all (the others get 403), or `public`.
 * - `other`: what a user of an allowed role gets on an object of an organisation it has nothing
 *   to do with: `ok` (visible to everyone signed in), `403` (visible but not theirs to act on),
 *   `404` (not even shown to exist). Absent for routes without an object of an organisation.
 * - `own`: the exceptions among allowed roles for their own organisation's object, when the
 *   role is allowed in general but not on this object (e.g. a teacher of the host sees only
 *   their own organisation's registrations): role → expected status. "Own" in the matrix is
 *   the host centre (СОШ № 5: head, teacher), its partner kindergarten (д/с № 9, which
 *   registered the group) and the coordinator; "other" is СОШ № 3 and д/с № 5.
 */
export interface AccessRule {
  roles: readonly Role[] | 'public';
  other?: 'ok' | 403 | 404;
  own?: Partial<Record<Role, 403 | 404>>;
}

const ALL: readonly Role[] = ['coordinator', 'centre_head', 'kindergarten', 'staff'];
const COORDINATOR: readonly Role[] = ['coordinator'];
const HOSTS: readonly Role[] = ['coordinator', 'centre_head'];
const REGISTERING: readonly Role[] = ['centre_head', 'kindergarten', 'staff'];
const PARTIES: readonly Role[] = ['coordinator', 'centre_head', 'kindergarten'];

export const ACCESS_RULES: Record<string, AccessRule> = {
  'POST /api/auth/login': { roles: 'public' },
  'GET /health': { roles: 'public' },
  'GET /health/live': { roles: 'public' },
  'GET /health/ready': { roles: 'public' },
  'GET /ical/{token}.ics': { roles: 'public' },
  'GET /api/me': { roles: ALL },
  'GET /api/me/notification-preferences': { roles: ALL },
  'PUT /api/me/notification-preferences': { roles: ALL },

  'POST /api/organizations': { roles: COORDINATOR },
  'GET /api/organizations': { roles: ALL },
  'GET /api/organizations/{id}': { roles: ALL, other: 'ok' },
  'PATCH /api/organizations/{id}': { roles: COORDINATOR },
  'POST /api/users': { roles: COORDINATOR },
  'GET /api/users': { roles: COORDINATOR },
  'PATCH /api/users/{id}': { roles: COORDINATOR },
  'GET /api/audit': { roles: COORDINATOR },

  'POST /api/agreements': { roles: PARTIES, other: 403 },
  'GET /api/agreements': { roles: ALL },
  'POST /api/agreements/import': { roles: COORDINATOR },
  'GET /api/agreements/partners': { roles: ALL },
  'GET /api/agreements/{id}': { roles: ALL, other: 'ok' },
  'POST /api/agreements/{id}/propose': { roles: PARTIES, other: 403 },
  // Signing is for the parties' heads; the coordinator signs only when its organisation is a party.
  'POST /api/agreements/{id}/sign': { roles: PARTIES, other: 403, own: { coordinator: 403 } },
  'POST /api/agreements/{id}/withdraw': { roles: PARTIES, other: 403 },
  'POST /api/agreements/{id}/terminate': { roles: COORDINATOR },
  'POST /api/agreements/{id}/renew': { roles: PARTIES, other: 403 },

  'POST /api/events': { roles: HOSTS, other: 403 },
  'GET /api/events': { roles: ALL },
  'GET /api/events/{id}': { roles: ALL, other: 'ok' },
  'GET /api/events/{id}/ics': { roles: ALL, other: 'ok' },
  'PATCH /api/events/{id}': { roles: HOSTS, other: 403 },
  'POST /api/events/{id}/approve': { roles: COORDINATOR },
  'POST /api/events/{id}/reject': { roles: COORDINATOR },
  'POST /api/events/{id}/reschedule': { roles: HOSTS, other: 403 },
  'POST /api/events/{id}/cancel': { roles: HOSTS, other: 403 },
  'POST /api/events/{id}/report': { roles: HOSTS, other: 403 },
  'GET /api/plan': { roles: ALL },
  'POST /api/festivals': { roles: COORDINATOR },
  'GET /api/festivals': { roles: ALL },
  'GET /api/festivals/{id}': { roles: ALL, other: 'ok' },
  'POST /api/calendar-subscriptions': { roles: ALL },
  'GET /api/calendar-subscriptions': { roles: ALL },
  // A subscription is its owner's alone (here the host's head): for anyone else it does not exist.
  'DELETE /api/calendar-subscriptions/{id}': { roles: ALL, other: 404, own: { coordinator: 404, kindergarten: 404, staff: 404 } },

  'POST /api/events/{id}/registrations': { roles: REGISTERING, other: 403 },
  'GET /api/events/{id}/registrations': { roles: ALL, other: 'ok' },
  'POST /api/events/{id}/attendance': { roles: HOSTS, other: 403 },
  'PUT /api/events/{id}/registration-settings': { roles: HOSTS, other: 403 },
  'GET /api/registrations': { roles: ALL },
  'GET /api/registrations/{id}': { roles: ALL, other: 404, own: { staff: 404 } },
  // Changing is for the registering organisation and the coordinator; the host's head may cancel, not change.
  'PATCH /api/registrations/{id}': { roles: ALL, other: 404, own: { staff: 404, centre_head: 403 } },
  'POST /api/registrations/{id}/cancel': { roles: ALL, other: 404, own: { staff: 404 } },
  'POST /api/registrations/{id}/anonymize': { roles: COORDINATOR },

  'GET /api/notifications': { roles: COORDINATOR },
  'POST /api/notifications/{id}/retry': { roles: COORDINATOR },

  'GET /api/plan/export': { roles: ALL },
  'POST /api/plan/import': { roles: COORDINATOR },
  'GET /api/reports/monitoring': { roles: HOSTS },
  'GET /api/reports/monitoring/export': { roles: HOSTS },
  'GET /api/reports/festivals/{id}/programme': { roles: ALL, other: 'ok' },
  'GET /api/reports/festivals/{id}/letters': { roles: COORDINATOR },
  'POST /api/reports/rollover/preview': { roles: COORDINATOR },
  'POST /api/reports/rollover': { roles: COORDINATOR },
};
