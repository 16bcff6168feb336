import { Organization } from '@tochka/contracts';

/** Who approves the plan («УТВЕРЖДАЮ»): the head of the district's methodical service, from its organisation. */
export interface Signatory {
  position: string;
  name: string;
  organization: string;
}

export function signatoryOf(orgs: Iterable<Organization>, kind: 'methodical_service' | 'authority'): Signatory | undefined {
  for (const o of orgs) {
    if (o.kind === kind) return { position: o.head.position ?? `Руководитель ${o.shortName}`, name: o.head.name, organization: o.shortName };
  }
  return undefined;
}
