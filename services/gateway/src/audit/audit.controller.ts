import { Controller, Get } from '@nestjs/common';
import { z } from 'zod';
import { Roles } from '../auth/actor';
import { Doc, ValidQuery } from '../http/route';
import { AuditLog, auditPageSchema, auditQuerySchema } from './audit-log';

@Controller('api/audit')
@Roles('coordinator')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @Doc({
    summary: 'Журнал действий: кто, когда, с какого адреса и что сделал с соглашением, мероприятием, записью (координатор)',
    description: 'Новые сверху. objectId — записи об объекте (для мероприятия — и о записях групп на него); userId — действия пользователя; from/to — период.',
    response: auditPageSchema,
  })
  list(@ValidQuery(auditQuerySchema) query: z.output<typeof auditQuerySchema>) {
    return this.audit.list(query);
  }
}
