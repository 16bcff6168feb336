import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { z } from 'zod';
import { Actor, agreementInputSchema, agreementListQuerySchema, agreementRpcs, agreementSchema, pageOf, partnersSchema } from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS } from '@tochka/runtime';
import { CurrentActor, Roles } from '../auth/actor';
import { Doc, IdParam, ValidBody, ValidQuery } from '../http/route';
import { IdempotencyKey } from '../http/idempotency-key';
import { Creates } from '../http/creation-rate';

// HTTP bodies are the commands without what the gateway fills in (who asks, which agreement).
const signBody = agreementRpcs.sign.request.omit({ actor: true, id: true });
const withdrawBody = agreementRpcs.withdraw.request.omit({ actor: true, id: true });
const terminateBody = agreementRpcs.terminate.request.omit({ actor: true, id: true });
const renewBody = agreementRpcs.renew.request.omit({ actor: true, id: true });
const importBody = agreementRpcs.import.request.omit({ actor: true });
const partnersQuery = agreementRpcs.partners.request;

/** Network agreements: lifecycle and queries. Every signed-in user reads; the service decides who may act. */
@Controller('api/agreements')
export class AgreementsController {
  constructor(@Inject(BUS) private readonly bus: MessageBus) {}

  @Post()
  @Creates()
  @Doc({
    summary: 'Создать проект соглашения',
    description: 'Заголовок Idempotency-Key: повтор запроса с тем же ключом возвращает тот же проект и ничего не создаёт.',
    response: agreementSchema,
    status: 201,
  })
  create(
    @CurrentActor() actor: Actor,
    @ValidBody(agreementInputSchema) agreement: z.input<typeof agreementInputSchema>,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ) {
    return this.bus.rpc.request(agreementRpcs.create, { actor, agreement, ...(idempotencyKey ? { idempotencyKey } : {}) });
  }

  @Post('import')
  @Creates()
  @Roles('coordinator')
  @Doc({
    summary: 'Загрузить подписанное на бумаге соглашение с датами подписей (координатор; повтор не создаёт дубликат)',
    response: agreementSchema,
    status: 201,
  })
  import(@CurrentActor() actor: Actor, @ValidBody(importBody) body: z.input<typeof importBody>) {
    return this.bus.rpc.request(agreementRpcs.import, { actor, ...body });
  }

  @Get()
  @Doc({ summary: 'Соглашения: по стороне, статусу, направлению, дате действия', response: pageOf(agreementSchema) })
  list(@ValidQuery(agreementListQuerySchema) query: z.input<typeof agreementListQuerySchema>) {
    return this.bus.rpc.request(agreementRpcs.list, query);
  }

  @Get('partners')
  @Doc({ summary: 'Партнёры организации по соглашениям, действующим на дату', response: partnersSchema })
  partners(@ValidQuery(partnersQuery) query: z.input<typeof partnersQuery>) {
    return this.bus.rpc.request(agreementRpcs.partners, query);
  }

  @Get(':id')
  @Doc({ summary: 'Соглашение с журналом подписей', response: agreementSchema })
  get(@IdParam() id: string) {
    return this.bus.rpc.request(agreementRpcs.get, { id });
  }

  @Post(':id/propose')
  @HttpCode(200)
  @Doc({ summary: 'Направить сторонам на подпись', response: agreementSchema })
  propose(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.bus.rpc.request(agreementRpcs.propose, { actor, id });
  }

  @Post(':id/sign')
  @HttpCode(200)
  @Doc({ summary: 'Подписать от имени своей организации', response: agreementSchema })
  sign(@CurrentActor() actor: Actor, @IdParam() id: string, @ValidBody(signBody) body: z.input<typeof signBody>) {
    return this.bus.rpc.request(agreementRpcs.sign, { actor, id, ...body });
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Doc({ summary: 'Отозвать проект или неподписанное соглашение', response: agreementSchema })
  withdraw(@CurrentActor() actor: Actor, @IdParam() id: string, @ValidBody(withdrawBody) body: z.input<typeof withdrawBody>) {
    return this.bus.rpc.request(agreementRpcs.withdraw, { actor, id, ...body });
  }

  @Post(':id/terminate')
  @HttpCode(200)
  @Doc({ summary: 'Расторгнуть досрочно с указанием причины (координатор)', response: agreementSchema })
  terminate(@CurrentActor() actor: Actor, @IdParam() id: string, @ValidBody(terminateBody) body: z.input<typeof terminateBody>) {
    return this.bus.rpc.request(agreementRpcs.terminate, { actor, id, ...body });
  }

  @Post(':id/renew')
  @Creates()
  @Doc({ summary: 'Продлить: новый проект на следующий период, связанный с этим', response: agreementSchema, status: 201 })
  renew(@CurrentActor() actor: Actor, @IdParam() id: string, @ValidBody(renewBody) body: z.input<typeof renewBody>) {
    return this.bus.rpc.request(agreementRpcs.renew, { actor, id, ...body });
  }
}
