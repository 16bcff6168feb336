import { Controller, Get, Inject, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import { Actor, agreementRpcs, organizationInputSchema, organizationPatchSchema, organizationSchema, pageOf } from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS } from '@tochka/runtime';
import { CurrentActor, Roles } from '../auth/actor';
import { Doc, IdParam, ValidBody, ValidQuery } from '../http/route';
import { IdempotencyKey } from '../http/idempotency-key';
import { Creates } from '../http/creation-rate';

const listQuery = agreementRpcs.listOrganizations.request;

/** The organisations registry: the coordinator edits, every signed-in user reads. */
@Controller('api/organizations')
export class OrganizationsController {
  constructor(@Inject(BUS) private readonly bus: MessageBus) {}

  @Post()
  @Creates()
  @Roles('coordinator')
  @Doc({
    summary: 'Зарегистрировать организацию (координатор)',
    description: 'Заголовок Idempotency-Key: повтор запроса с тем же ключом возвращает ту же организацию и ничего не создаёт.',
    response: organizationSchema,
    status: 201,
  })
  register(
    @CurrentActor() actor: Actor,
    @ValidBody(organizationInputSchema) organization: z.input<typeof organizationInputSchema>,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ) {
    return this.bus.rpc.request(agreementRpcs.registerOrganization, { actor, organization, ...(idempotencyKey ? { idempotencyKey } : {}) });
  }

  @Get()
  @Doc({ summary: 'Организации сети', response: pageOf(organizationSchema) })
  list(@ValidQuery(listQuery) query: z.input<typeof listQuery>) {
    return this.bus.rpc.request(agreementRpcs.listOrganizations, query);
  }

  @Get(':id')
  @Doc({ summary: 'Организация: реквизиты, руководитель, помещения', response: organizationSchema })
  get(@IdParam() id: string) {
    return this.bus.rpc.request(agreementRpcs.getOrganization, { id });
  }

  @Patch(':id')
  @Roles('coordinator')
  @Doc({ summary: 'Изменить организацию (координатор)', response: organizationSchema })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @ValidBody(organizationPatchSchema) patch: z.input<typeof organizationPatchSchema>) {
    return this.bus.rpc.request(agreementRpcs.updateOrganization, { actor, id, patch });
  }
}
