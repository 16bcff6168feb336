import { agreements } from './agreements';
import { organizations } from './organizations';
import type { AgreementSeed, OrganizationSeed } from './types';

export * from './types';
export * from './organizations';
export * from './agreements';
export * from './festival';
export * from './plan-2022-2023';
export * from './users';

export function organizationByKey(key: string): OrganizationSeed | undefined {
  return organizations.find((o) => o.key === key);
}

export function agreementByKey(key: string): AgreementSeed | undefined {
  return agreements.find((a) => a.key === key);
}
