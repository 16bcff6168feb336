import type { Role } from '../../shared/format';
import type { Agreement } from './queries';

/**
 * What the agreements service would allow (services/agreements/src/agreements/lifecycle.ts), so a
 * page offers only that: the coordinator manages any agreement, the heads of centres and
 * kindergartens those their organisation is party to; a head signs for its own organisation only.
 */
export interface Viewer {
  role: Role;
  organizationId: string;
}

const isHead = (v: Viewer) => v.role === 'centre_head' || v.role === 'kindergarten';
const isParty = (a: Agreement, orgId: string) => a.parties.some((p) => p.organizationId === orgId);
const manages = (a: Agreement, v: Viewer) => v.role === 'coordinator' || (isHead(v) && isParty(a, v.organizationId));

export const agreementRules = {
  propose: (a: Agreement, v: Viewer) => a.status === 'draft' && manages(a, v),
  withdraw: (a: Agreement, v: Viewer) => (a.status === 'draft' || a.status === 'proposed') && manages(a, v),
  renew: (a: Agreement, v: Viewer) => (a.status === 'active' || a.status === 'expired') && manages(a, v),
  terminate: (a: Agreement, v: Viewer) => a.status === 'active' && v.role === 'coordinator',
  /** Awaiting this viewer's organisation's signature. */
  sign: (a: Agreement, v: Viewer, today: string) =>
    a.status === 'proposed' &&
    isHead(v) &&
    isParty(a, v.organizationId) &&
    !a.signatures.some((s) => s.organizationId === v.organizationId) &&
    today <= a.validTo,
};
