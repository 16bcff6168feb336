import { Controller, Get, Inject, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import { Actor, emailSchema, idSchema, pageOf, paginationSchema, roleSchema, userSnapshotSchema } from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS } from '@tochka/runtime';
import { CurrentActor, Roles } from '../auth/actor';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordContentProblems } from '../auth/password-policy';
import { Doc, IdParam, ValidBody, ValidQuery } from '../http/route';
import { IdempotencyKey } from '../http/idempotency-key';
import { UsersService } from './users.service';
import { assertRoleFitsOrganization } from './organization-fit';
import { Creates } from '../http/creation-rate';

export const createUserSchema = z
  .strictObject({
    email: emailSchema,
    name: z.string().trim().min(1, 'Укажите имя').max(200),
    role: roleSchema,
    organizationId: idSchema,
    password: z.string().min(PASSWORD_MIN_LENGTH, `Пароль должен быть не короче ${PASSWORD_MIN_LENGTH} символов`).max(PASSWORD_MAX_LENGTH),
  })
  // The whole policy, with the body's other errors, before anything is looked up (createUser checks it again for the CLI).
  .superRefine((user, ctx) => {
    for (const message of passwordContentProblems(user.password, user.email)) ctx.addIssue({ code: 'custom', path: ['password'], message });
  });

export const updateUserSchema = z
  .strictObject({
    role: roleSchema.optional(),
    organizationId: idSchema.optional(),
    active: z.boolean({ error: 'Укажите true (учётная запись действует) или false (отключена)' }).optional(),
  })
  .refine((change) => change.role !== undefined || change.organizationId !== undefined || change.active !== undefined, {
    message: 'Укажите, что изменить: role, organizationId или active',
  });

export const listUsersSchema = paginationSchema.extend({ organizationId: idSchema.optional() });

/** Accounts are managed by the district's coordinator; an account belongs to a registered organisation. */
@Controller('api/users')
@Roles('coordinator')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    @Inject(BUS) private readonly bus: MessageBus,
  ) {}

  @Post()
  @Creates()
  @Doc({
    summary: 'Создать учётную запись (координатор)',
    description: 'Заголовок Idempotency-Key: повтор запроса с тем же ключом возвращает ту же учётную запись и ничего не создаёт.',
    response: userSnapshotSchema,
    status: 201,
  })
  async create(
    @CurrentActor() actor: Actor,
    @ValidBody(createUserSchema) body: z.infer<typeof createUserSchema>,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ) {
    await assertRoleFitsOrganization(this.bus.rpc, body.role, body.organizationId, 'role');
    return this.users.create(body, idempotencyKey ? { key: `${actor.userId}:${idempotencyKey}` } : undefined);
  }

  @Get()
  @Doc({ summary: 'Учётные записи (координатор)', response: pageOf(userSnapshotSchema) })
  list(@ValidQuery(listUsersSchema) query: z.infer<typeof listUsersSchema>) {
    return this.users.list(query);
  }

  @Patch(':id')
  @Doc({
    summary: 'Изменить учётную запись: роль, организацию, отключить или включить (координатор)',
    description:
      'Отключённая учётная запись не входит в систему, её токены перестают действовать, письма ей не отправляются. ' +
      'Роль должна подходить виду организации. Свою учётную запись и последнюю действующую учётную запись координатора изменить нельзя (409). ' +
      'Изменение публикуется событием user.updated; запрос без изменений возвращает учётную запись как есть.',
    response: userSnapshotSchema,
  })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @ValidBody(updateUserSchema) change: z.infer<typeof updateUserSchema>) {
    return this.users.update(actor, id, change, async (next, changed) => {
      if (!changed.includes('role') && !changed.includes('organizationId')) return;
      await assertRoleFitsOrganization(this.bus.rpc, next.role, next.organizationId, change.role !== undefined ? 'role' : 'organizationId');
    });
  }
}
