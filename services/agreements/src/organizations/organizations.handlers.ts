import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { agreementRpcs, OrganizationKind, RpcRequest } from '@tochka/contracts';
import { OnRequest } from '@tochka/messaging';
import { OrganizationsService } from './organizations.service';

type Req<K extends keyof typeof agreementRpcs> = RpcRequest<(typeof agreementRpcs)[K]>;

/** NATS entry points of the organisations registry. */
@Controller()
export class OrganizationsHandlers {
  constructor(private readonly organizations: OrganizationsService) {}

  @OnRequest(agreementRpcs.registerOrganization)
  register(@Payload() req: Req<'registerOrganization'>) {
    return this.organizations.register(req.actor, req.organization, req.idempotencyKey);
  }

  @OnRequest(agreementRpcs.updateOrganization)
  update(@Payload() req: Req<'updateOrganization'>) {
    return this.organizations.update(req.actor, req.id, req.patch as never);
  }

  @OnRequest(agreementRpcs.getOrganization)
  get(@Payload() req: Req<'getOrganization'>) {
    return this.organizations.get(req.id);
  }

  @OnRequest(agreementRpcs.listOrganizations)
  list(@Payload() req: Req<'listOrganizations'>) {
    return this.organizations.list(req as { kind?: OrganizationKind; page: number; limit: number });
  }
}
