import { Module } from '@nestjs/common';
import { modelProvider } from '@tochka/runtime';
import { FestivalDocuments } from './festival/festival-documents';
import { MonitoringService } from './monitoring/monitoring.service';
import { PlanDocument } from './plan/plan-document';
import { PlanImport } from './plan/plan-import';
import { READ_MODELS, readModels } from './read-models/models';
import { ReadModelsHandlers } from './read-models/read-models.handlers';
import { ReportsStore } from './read-models/store';
import { ReportsHandlers } from './reports.handlers';
import { RolloverService } from './rollover/rollover.service';

/** The reporting read side: read models from everyone's events, the methodist's documents, import and rollover. */
@Module({
  controllers: [ReadModelsHandlers, ReportsHandlers],
  providers: [modelProvider(READ_MODELS, readModels), ReportsStore, PlanDocument, PlanImport, FestivalDocuments, MonitoringService, RolloverService],
})
export class ReportsModule {}
