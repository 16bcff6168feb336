import { agreementRpcs, DomainError, errors, Organization, organizationKindLabels, Role, roleFitsOrganization, roleLabels } from '@tochka/contracts';
import { RpcClient } from '@tochka/messaging';

/** The registered organisation `id`, asked of the agreements service; undefined when there is none. */
export async function findOrganization(rpc: RpcClient, id: string): Promise<Organization | undefined> {
  try {
    return await rpc.request(agreementRpcs.getOrganization, { id });
  } catch (err) {
    if (err instanceof DomainError && err.status === 404) return undefined;
    throw err;
  }
}

/** Why an account of `role` cannot belong to `organization` (a kindergarten's account cannot head a centre), if it cannot. */
export function roleMisfit(role: Role, organization: Organization): string | undefined {
  if (roleFitsOrganization(role, organization.kind)) return undefined;
  return `Роль «${roleLabels[role]}» не подходит организации «${organization.shortName}» (вид организации: ${organizationKindLabels[organization.kind]})`;
}

/**
 * An account belongs to a registered organisation whose kind fits its role: otherwise the
 * request's error (400 naming the field). For the API's create and change of role or
 * organisation; the `users:create` command line applies the same rule (cli.ts).
 */
export async function assertRoleFitsOrganization(rpc: RpcClient, role: Role, organizationId: string, path: 'role' | 'organizationId'): Promise<void> {
  const organization = await findOrganization(rpc, organizationId);
  if (!organization) throw errors.validation([{ path: 'organizationId', message: `Организация «${organizationId}» не найдена` }]);
  const misfit = roleMisfit(role, organization);
  if (misfit) throw errors.validation([{ path, message: misfit }]);
}
