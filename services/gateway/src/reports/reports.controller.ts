import { Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import {
  Actor,
  documentFormatSchema,
  monitoringQuerySchema,
  monitoringReportSchema,
  PDF_CONTENT_TYPE,
  reportsRpcs,
  rolloverInputSchema,
  rolloverPlanSchema,
  XLSX_CONTENT_TYPE,
} from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS } from '@tochka/runtime';
import { CurrentActor, Roles } from '../auth/actor';
import { Doc, IdParam, ValidBody, ValidQuery } from '../http/route';
import { sendDocument } from './send-document';

const formatQuery = z.strictObject({ format: documentFormatSchema.default('pdf') });
/** A rollover or an import sends a command per agreement and event: minutes, not the usual seconds. */
export const LONG_COMMAND_TIMEOUT_MS = 180_000;
const FILE_NAME = { 'Content-Disposition': "attachment; filename*=UTF-8''… — русское имя файла (RFC 6266)" };

/** The methodist's reports: monitoring, festival documents, the next school year. */
@Controller('api/reports')
export class ReportsController {
  constructor(@Inject(BUS) private readonly bus: MessageBus) {}

  @Get('monitoring')
  @Roles('coordinator', 'centre_head')
  @Doc({
    summary:
      'Мониторинг за учебный год или период: по центрам, месяцам, направлениям; соглашения и их использование (координатор — район, руководитель центра — свой центр)',
    response: monitoringReportSchema,
  })
  monitoring(@CurrentActor() actor: Actor, @ValidQuery(monitoringQuerySchema) query: z.output<typeof monitoringQuerySchema>) {
    return this.bus.rpc.request(reportsRpcs.monitoring, { actor, query });
  }

  @Get('monitoring/export')
  @Roles('coordinator', 'centre_head')
  @Doc({ summary: 'Мониторинг файлом XLSX: лист на каждый разрез', contentType: XLSX_CONTENT_TYPE, responseHeaders: FILE_NAME })
  async monitoringExport(@CurrentActor() actor: Actor, @ValidQuery(monitoringQuerySchema) query: z.output<typeof monitoringQuerySchema>, @Res() res: Response) {
    sendDocument(res, await this.bus.rpc.request(reportsRpcs.monitoringExport, { actor, query }));
  }

  @Get('festivals/:id/programme')
  @Doc({ summary: 'Программа фестиваля по дням и площадкам (PDF или XLSX)', contentType: PDF_CONTENT_TYPE, responseHeaders: FILE_NAME })
  async programme(
    @CurrentActor() actor: Actor,
    @IdParam() festivalId: string,
    @ValidQuery(formatQuery) query: z.output<typeof formatQuery>,
    @Res() res: Response,
  ) {
    sendDocument(res, await this.bus.rpc.request(reportsRpcs.festivalProgramme, { actor, festivalId, format: query.format }));
  }

  @Get('festivals/:id/letters')
  @Roles('coordinator')
  @Doc({
    summary: 'Благодарственные письма участникам фестиваля: PDF, страница на организацию (координатор)',
    contentType: PDF_CONTENT_TYPE,
    responseHeaders: FILE_NAME,
  })
  async letters(@CurrentActor() actor: Actor, @IdParam() festivalId: string, @Res() res: Response) {
    sendDocument(res, await this.bus.rpc.request(reportsRpcs.festivalLetters, { actor, festivalId }));
  }

  @Post('rollover/preview')
  @HttpCode(200)
  @Roles('coordinator')
  @Doc({ summary: 'Что создаст переход на новый учебный год: продление соглашений, перенос плана (координатор)', response: rolloverPlanSchema, status: 200 })
  preview(@CurrentActor() actor: Actor, @ValidBody(rolloverInputSchema) input: z.output<typeof rolloverInputSchema>) {
    return this.bus.rpc.request(reportsRpcs.rolloverPreview, { actor, input });
  }

  @Post('rollover')
  @HttpCode(200)
  @Roles('coordinator')
  @Doc({
    summary: 'Начать новый учебный год: черновики продлённых соглашений и предложения мероприятий (координатор; повторный запуск ничего не дублирует)',
    response: rolloverPlanSchema,
    status: 200,
  })
  rollover(@CurrentActor() actor: Actor, @ValidBody(rolloverInputSchema) input: z.output<typeof rolloverInputSchema>) {
    return this.bus.rpc.request(reportsRpcs.rolloverRun, { actor, input }, { timeoutMs: LONG_COMMAND_TIMEOUT_MS });
  }
}
