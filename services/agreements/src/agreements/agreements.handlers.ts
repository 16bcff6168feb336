import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { agreementRpcs, RpcRequest } from '@tochka/contracts';
import { OnRequest } from '@tochka/messaging';
import { AgreementsService } from './agreements.service';

type Req<K extends keyof typeof agreementRpcs> = RpcRequest<(typeof agreementRpcs)[K]>;

/** NATS entry points of the agreement lifecycle and its queries. */
@Controller()
export class AgreementsHandlers {
  constructor(private readonly agreements: AgreementsService) {}

  @OnRequest(agreementRpcs.create)
  create(@Payload() req: Req<'create'>) {
    return this.agreements.create(req.actor, req.agreement, { idempotencyKey: req.idempotencyKey });
  }

  @OnRequest(agreementRpcs.propose)
  propose(@Payload() req: Req<'propose'>) {
    return this.agreements.propose(req.actor, req.id);
  }

  @OnRequest(agreementRpcs.sign)
  sign(@Payload() req: Req<'sign'>) {
    return this.agreements.sign(req.actor, req.id, req.organizationId);
  }

  @OnRequest(agreementRpcs.withdraw)
  withdraw(@Payload() req: Req<'withdraw'>) {
    return this.agreements.withdraw(req.actor, req.id, req.reason);
  }

  @OnRequest(agreementRpcs.terminate)
  terminate(@Payload() req: Req<'terminate'>) {
    return this.agreements.terminate(req.actor, req.id, req.reason);
  }

  @OnRequest(agreementRpcs.renew)
  renew(@Payload() req: Req<'renew'>) {
    return this.agreements.renew(req.actor, req.id, req);
  }

  @OnRequest(agreementRpcs.import)
  import(@Payload() req: Req<'import'>) {
    return this.agreements.import(req.actor, req.agreement, req.signedOn, req.awaitingSignatures === true);
  }

  @OnRequest(agreementRpcs.get)
  get(@Payload() req: Req<'get'>) {
    return this.agreements.get(req.id);
  }

  @OnRequest(agreementRpcs.list)
  list(@Payload() req: Req<'list'>) {
    return this.agreements.list(agreementRpcs.list.request.parse(req));
  }

  @OnRequest(agreementRpcs.partners)
  partners(@Payload() req: Req<'partners'>) {
    return this.agreements.partners(req.organizationId, req.date);
  }
}
