import { Module } from '@nestjs/common';
import { PlanDocumentsController } from './plan-documents.controller';
import { ReportsController } from './reports.controller';

/** HTTP routes of the reports service (documents are rendered there and sent here as files). */
@Module({ controllers: [PlanDocumentsController, ReportsController] })
export class ReportsHttpModule {}
