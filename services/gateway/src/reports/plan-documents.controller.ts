import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import {
  Actor,
  PLAN_IMPORT_MAX_BYTES,
  planExportQuerySchema,
  planImportOptionsSchema,
  planImportResultSchema,
  reportsRpcs,
  XLSX_CONTENT_TYPE,
} from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS } from '@tochka/runtime';
import { CurrentActor, Roles } from '../auth/actor';
import { Doc, ValidQuery } from '../http/route';
import { LONG_COMMAND_TIMEOUT_MS } from './reports.controller';
import { readFileBody, sendDocument } from './send-document';

/** The plan-schedule as the methodist publishes it (XLSX, PDF) and drafts the next one (XLSX import). */
@Controller('api/plan')
export class PlanDocumentsController {
  constructor(@Inject(BUS) private readonly bus: MessageBus) {}

  @Get('export')
  @Doc({
    summary: 'План-график учебного года файлом: XLSX или PDF с блоком «УТВЕРЖДАЮ» (фильтры: организация, направление)',
    contentType: XLSX_CONTENT_TYPE,
    responseHeaders: { 'Content-Disposition': "attachment; filename*=UTF-8''… — русское имя файла (RFC 6266)" },
  })
  async export(@CurrentActor() actor: Actor, @ValidQuery(planExportQuerySchema) query: z.output<typeof planExportQuerySchema>, @Res() res: Response) {
    sendDocument(res, await this.bus.rpc.request(reportsRpcs.planExport, { actor, ...query }));
  }

  @Post('import')
  @HttpCode(200)
  @Roles('coordinator')
  @Doc({
    summary:
      'Загрузить план-график из XLSX в формате выгрузки (координатор): dryRun=true — проверка построчно без записи; approvedOnPaper=true — как утверждённый на бумаге',
    requestContentType: XLSX_CONTENT_TYPE,
    response: planImportResultSchema,
    status: 200,
  })
  async import(@CurrentActor() actor: Actor, @ValidQuery(planImportOptionsSchema) options: z.output<typeof planImportOptionsSchema>, @Req() req: Request) {
    const file = await readFileBody(req, XLSX_CONTENT_TYPE, PLAN_IMPORT_MAX_BYTES, 'файл Excel (XLSX)');
    return this.bus.rpc.request(reportsRpcs.planImport, { actor, ...options, file: file.toString('base64') }, { timeoutMs: LONG_COMMAND_TIMEOUT_MS });
  }
}
