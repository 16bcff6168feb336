import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { reportsRpcs, RpcRequest } from '@tochka/contracts';
import { OnRequest } from '@tochka/messaging';
import { FestivalDocuments } from './festival/festival-documents';
import { MonitoringService } from './monitoring/monitoring.service';
import { PlanDocument } from './plan/plan-document';
import { PlanImport } from './plan/plan-import';
import { RolloverService } from './rollover/rollover.service';

type Req<K extends keyof typeof reportsRpcs> = RpcRequest<(typeof reportsRpcs)[K]>;

/** The reports' queries and commands over NATS (requests arrive validated by their contracts). */
@Controller()
export class ReportsHandlers {
  constructor(
    private readonly plan: PlanDocument,
    private readonly planImport: PlanImport,
    private readonly festivals: FestivalDocuments,
    private readonly monitoring: MonitoringService,
    private readonly rollover: RolloverService,
  ) {}

  @OnRequest(reportsRpcs.planExport)
  planExport(@Payload() req: Req<'planExport'>) {
    const { actor, ...query } = reportsRpcs.planExport.request.parse(req);
    return this.plan.render(actor, query);
  }

  @OnRequest(reportsRpcs.planImport)
  importPlan(@Payload() req: Req<'planImport'>) {
    return this.planImport.run(req.actor, {
      schoolYear: req.schoolYear,
      dryRun: req.dryRun,
      approvedOnPaper: req.approvedOnPaper,
      file: Buffer.from(req.file, 'base64'),
    });
  }

  @OnRequest(reportsRpcs.festivalProgramme)
  programme(@Payload() req: Req<'festivalProgramme'>) {
    return this.festivals.programme(req.actor, req.festivalId, req.format ?? 'pdf');
  }

  @OnRequest(reportsRpcs.festivalLetters)
  letters(@Payload() req: Req<'festivalLetters'>) {
    return this.festivals.letters(req.actor, req.festivalId);
  }

  @OnRequest(reportsRpcs.monitoring)
  report(@Payload() req: Req<'monitoring'>) {
    return this.monitoring.report(req.actor, req.query);
  }

  @OnRequest(reportsRpcs.monitoringExport)
  reportXlsx(@Payload() req: Req<'monitoringExport'>) {
    return this.monitoring.xlsx(req.actor, req.query);
  }

  @OnRequest(reportsRpcs.rolloverPreview)
  preview(@Payload() req: Req<'rolloverPreview'>) {
    return this.rollover.preview(req.actor, req.input);
  }

  @OnRequest(reportsRpcs.rolloverRun)
  rolloverRun(@Payload() req: Req<'rolloverRun'>) {
    return this.rollover.run(req.actor, req.input);
  }
}
