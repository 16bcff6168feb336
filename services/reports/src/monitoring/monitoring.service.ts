import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { Actor, errors, eventKindLabels, EVENT_KINDS, Figures, formatMoscowDate, MonitoringReport, RenderedDocument } from '@tochka/contracts';
import { monitoringScope } from '../access';
import { xlsxFile } from '../documents/files';
import { ReportsStore } from '../read-models/store';
import { instantsOf, Period, schoolYearLabel, schoolYearPeriod } from '../school-year';
import { monitoringReport } from './figures';

export interface MonitoringQuery {
  schoolYear?: string;
  from?: string;
  to?: string;
  org?: string;
}

@Injectable()
export class MonitoringService {
  constructor(private readonly store: ReportsStore) {}

  async report(actor: Actor, query: MonitoringQuery): Promise<MonitoringReport> {
    const scope = monitoringScope(actor, query.org);
    const period: Period = query.from && query.to ? { from: query.from, to: query.to } : schoolYearPeriod(query.schoolYear!);
    const { start, end } = instantsOf(period);
    // Only what is counted is read: the held events (of the centre, for one centre) and the
    // confirmed registrations' sums per event.
    const [events, registrations, agreements, organizations] = await Promise.all([
      this.store.eventsBetween(start, end, { status: 'held', ...(scope ? { hostId: scope } : {}) }),
      this.store.confirmedTotalsBetween(start, end),
      this.store.agreements(),
      this.store.organizations(),
    ]);
    const org = scope ? organizations.get(scope) : undefined;
    if (scope && !org) throw errors.notFound('Организация не найдена');
    return monitoringReport({
      period,
      ...(query.schoolYear && !query.from ? { schoolYear: query.schoolYear } : {}),
      ...(org ? { org } : {}),
      events,
      registrations,
      agreements,
      organizations,
    });
  }

  async xlsx(actor: Actor, query: MonitoringQuery): Promise<RenderedDocument> {
    const report = await this.report(actor, query);
    const period = report.schoolYear
      ? `${schoolYearLabel(report.schoolYear)} учебный год`
      : `${formatMoscowDate(report.from)} – ${formatMoscowDate(report.to)}`;
    const wb = new ExcelJS.Workbook();
    const title = `Мониторинг сетевого взаимодействия центров «Точка роста»${report.organization ? `: ${report.organization.name}` : ''}, ${period}`;
    cutSheet(wb, 'Итого', title, report.note, [{ label: report.organization?.name ?? 'Щербиновский район', figures: report.total }]);
    cutSheet(
      wb,
      'По центрам',
      title,
      report.note,
      report.byCentre.map((c) => ({ label: c.name, figures: c.figures })),
    );
    cutSheet(
      wb,
      'По месяцам',
      title,
      report.note,
      report.byMonth.map((m) => ({ label: m.label, figures: m.figures })),
    );
    cutSheet(
      wb,
      'По направлениям',
      title,
      report.note,
      report.byDirection.map((d) => ({ label: d.label, figures: d.figures })),
    );
    const ws = wb.addWorksheet('Соглашения');
    ws.columns = [{ width: 14 }, { width: 50 }, { width: 50 }, { width: 12 }, { width: 12 }, { width: 14 }, { width: 22 }];
    ws.addRow([title]).font = { bold: true };
    ws.addRow([]);
    ws.addRow(['Номер', 'Соглашение', 'Стороны', 'Действует с', 'по', 'Проведено мероприятий', 'Использование']).font = { bold: true };
    for (const a of report.agreements) {
      const row = ws.addRow([
        a.number,
        a.title,
        a.parties.join('; '),
        formatDate(a.validFrom),
        formatDate(a.validTo),
        a.eventsHeld,
        a.unused ? 'не использовано' : 'используется',
      ]);
      row.alignment = { wrapText: true, vertical: 'top' };
      if (a.unused) row.getCell(7).font = { bold: true, color: { argb: 'FFB00020' } };
    }
    const name = `Мониторинг ${report.schoolYear ? schoolYearLabel(report.schoolYear) : `${report.from} ${report.to}`}${report.organization ? ` ${report.organization.id}` : ''}`;
    return xlsxFile(name, Buffer.from(await wb.xlsx.writeBuffer()));
  }
}

const formatDate = (d: string) => d.split('-').reverse().join('.');

export const FIGURE_COLUMNS: [keyof Omit<Figures, 'byKind'>, string][] = [
  ['eventsHeld', 'Проведено мероприятий'],
  ['networkEvents', 'из них сетевых (с партнёрами)'],
  ['groupsRegistered', 'Групп записано'],
  ['childrenRegistered', 'Детей записано'],
  ['groupsAttended', 'Групп посетило'],
  ['childrenAttended', 'Детей посетило (факт)'],
  ['participantsReported', 'Участников по отчётам'],
  ['partnersInvolved', 'Организаций-партнёров'],
];

function cutSheet(wb: ExcelJS.Workbook, name: string, title: string, note: string, lines: { label: string; figures: Figures }[]): void {
  const ws = wb.addWorksheet(name);
  ws.columns = [{ width: 34 }, ...FIGURE_COLUMNS.map(() => ({ width: 16 })), ...EVENT_KINDS.map(() => ({ width: 14 }))];
  ws.addRow([title]).font = { bold: true };
  ws.addRow([note]).alignment = { wrapText: false };
  ws.addRow([]);
  const header = ws.addRow([
    name === 'Итого' ? '' : name.replace('По ', '').replace(/^./, (c) => c.toUpperCase()),
    ...FIGURE_COLUMNS.map(([, l]) => l),
    ...EVENT_KINDS.map((k) => eventKindLabels[k]),
  ]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  for (const line of lines) ws.addRow([line.label, ...FIGURE_COLUMNS.map(([k]) => line.figures[k]), ...EVENT_KINDS.map((k) => line.figures.byKind[k] ?? 0)]);
}
