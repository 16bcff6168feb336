import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { Actor, CalendarEvent, Direction, directionLabels, EventStatus, RenderedDocument } from '@tochka/contracts';
import type { Content, TableCell } from 'pdfmake/interfaces';
import { pdfFile, xlsxFile } from '../documents/files';
import { renderPdf } from '../documents/pdf';
import { ReportsStore } from '../read-models/store';
import { instantsOf, schoolYearLabel, schoolYearPeriod } from '../school-year';
import { signatoryOf, Signatory } from './approver';
import { PLAN_COLUMNS, PlanColumn, planRow, PlanRow } from './plan-layout';

/** What the plan-schedule publishes: approved events, those at risk, and those already held. */
export const PUBLISHED: EventStatus[] = ['approved', 'at_risk', 'held'];

export const PLAN_TITLE = 'План-график мероприятий центров образования «Точка роста» в рамках сетевой формы взаимодействия с образовательными организациями';

export interface PlanQuery {
  schoolYear: string;
  org?: string;
  direction?: Direction;
}

export interface PlanData {
  query: PlanQuery;
  title: string;
  subtitle: string;
  approver?: Signatory;
  rows: PlanRow[];
}

@Injectable()
export class PlanDocument {
  constructor(private readonly store: ReportsStore) {}

  async data(query: PlanQuery): Promise<PlanData> {
    const { start, end } = instantsOf(schoolYearPeriod(query.schoolYear));
    const [events, orgs, agreements] = await Promise.all([this.store.eventsBetween(start, end), this.store.organizations(), this.store.agreements()]);
    const numbers = new Map(agreements.map((a) => [a.id, a.number]));
    const chosen = events.filter(
      (e) => PUBLISHED.includes(e.status) && (!query.org || involves(e, query.org)) && (!query.direction || e.direction === query.direction),
    );
    const parts = [`на ${schoolYearLabel(query.schoolYear)} учебный год`];
    if (query.org) parts.push(`организация: ${orgs.get(query.org)?.shortName ?? query.org}`);
    if (query.direction) parts.push(`направление: ${directionLabels[query.direction]}`);
    return {
      query,
      title: PLAN_TITLE,
      subtitle: parts.join(', '),
      approver: signatoryOf(orgs.values(), 'methodical_service'),
      rows: chosen.map((e, i) => planRow(i + 1, e, numbers)),
    };
  }

  async render(_actor: Actor, query: PlanQuery & { format: 'xlsx' | 'pdf' }): Promise<RenderedDocument> {
    const data = await this.data(query);
    const name = `План-график ${schoolYearLabel(query.schoolYear)}${query.org ? ` ${query.org}` : ''}`;
    return query.format === 'pdf' ? pdfFile(name, await planPdf(data)) : xlsxFile(name, await planXlsx(data));
  }
}

function involves(e: CalendarEvent, org: string): boolean {
  return e.host.organizationId === org || e.partners.some((p) => p.organizationId === org);
}

const COLUMN_WIDTHS: Record<PlanColumn, number> = {
  no: 6,
  title: 50,
  kind: 18,
  direction: 22,
  date: 12,
  time: 13,
  host: 28,
  room: 26,
  responsible: 20,
  partners: 40,
  audience: 18,
  grades: 14,
  seats: 7,
  groups: 7,
  agreement: 14,
};

/**
 * The XLSX the methodist publishes and drafts the next year in: approval block, title, header row, a
 * row per event. Written row by row through exceljs's streaming writer (each row leaves memory once
 * committed): the whole workbook model of a 5,000-event plan took about 200 MB.
 */
export async function planXlsx(data: PlanData): Promise<Buffer> {
  const out = new PassThrough();
  const bytes = buffer(out);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = 'Точка роста — Щербиновский район';
  const ws = wb.addWorksheet('План-график', {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
    views: [{ state: 'frozen', ySplit: 9 }],
  });
  const keys = Object.keys(PLAN_COLUMNS) as PlanColumn[];
  ws.columns = keys.map((k) => ({ key: k, width: COLUMN_WIDTHS[k] }));
  const last = keys.length;
  const approval = [
    'УТВЕРЖДАЮ',
    data.approver?.position ?? '',
    data.approver ? `____________ ${data.approver.name}` : '____________',
    '«___» ____________ 20___ г.',
  ];
  approval.forEach((text, i) => {
    const row = ws.getRow(i + 1);
    ws.mergeCells(i + 1, last - 3, i + 1, last);
    row.getCell(last - 3).value = text;
    row.getCell(last - 3).alignment = { horizontal: 'left' };
    if (i === 0) row.getCell(last - 3).font = { bold: true };
    row.commit();
  });
  ws.mergeCells(6, 1, 6, last);
  const title = ws.getRow(6);
  title.getCell(1).value = data.title;
  title.getCell(1).font = { bold: true, size: 13 };
  title.getCell(1).alignment = { horizontal: 'center', wrapText: true };
  title.height = 36;
  title.commit();
  ws.mergeCells(7, 1, 7, last);
  const subtitle = ws.getRow(7);
  subtitle.getCell(1).value = data.subtitle;
  subtitle.getCell(1).alignment = { horizontal: 'center' };
  subtitle.commit();
  const border: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  const header = ws.getRow(9);
  keys.forEach((k, i) => {
    const cell = header.getCell(i + 1);
    cell.value = PLAN_COLUMNS[k];
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = border;
  });
  header.commit();
  data.rows.forEach((r, i) => {
    const row = ws.getRow(10 + i);
    keys.forEach((k, j) => {
      const cell = row.getCell(j + 1);
      cell.value = r[k] === '' ? null : r[k];
      cell.alignment = { wrapText: true, vertical: 'top' };
      cell.border = border;
    });
    row.commit();
  });
  ws.commit();
  await wb.commit();
  return bytes;
}

/** The same plan as a signed paper: A4 landscape, the approval block top right, a table with repeated header. */
export function planPdf(data: PlanData): Promise<Buffer> {
  const head: TableCell[] = [
    '№',
    'Мероприятие',
    'Форма',
    'Дата и время (МСК)',
    'Место проведения',
    'Ответственный',
    'Участники (партнёры)',
    'Направление',
    'Соглашение',
  ].map((text) => ({ text, bold: true, fillColor: '#e8eef7', alignment: 'center' }));
  const body: TableCell[][] = [
    head,
    ...data.rows.map((r) => [
      String(r.no),
      r.title,
      r.kind,
      `${r.date}\n${r.time}`,
      `${r.host}, ${r.room}`,
      r.responsible,
      r.partners || '—',
      r.direction,
      r.agreement || '—',
    ]),
  ];
  const content: Content[] = [
    approvalBlock(data.approver),
    { text: data.title, style: 'title', margin: [0, 16, 0, 2] },
    { text: data.subtitle, alignment: 'center', margin: [0, 0, 0, 10] },
    data.rows.length
      ? {
          table: { headerRows: 1, widths: [18, '*', 60, 62, 100, 70, 100, 70, 52], body },
          fontSize: 8,
          layout: { paddingTop: () => 2, paddingBottom: () => 2 },
        }
      : { text: 'Мероприятий, отвечающих условиям, нет.', italics: true },
  ];
  return renderPdf({
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [30, 30, 30, 36],
    info: { title: `${data.title} ${data.subtitle}` },
    content,
    styles: { title: { fontSize: 13, bold: true, alignment: 'center' } },
    footer: (page, pages) => ({ text: `${page} из ${pages}`, alignment: 'center', fontSize: 8, margin: [0, 10, 0, 0] }),
  });
}

/** «УТВЕРЖДАЮ», position, signature line with the name, date line: right-aligned, as on a paper plan. */
export function approvalBlock(approver: Signatory | undefined): Content {
  return {
    columns: [
      { width: '*', text: '' },
      {
        width: 220,
        stack: [
          { text: 'УТВЕРЖДАЮ', bold: true },
          { text: approver?.position ?? '' },
          { text: `____________ ${approver?.name ?? ''}`, margin: [0, 8, 0, 0] },
          { text: '«___» ____________ 20___ г.', margin: [0, 4, 0, 0] },
        ],
      },
    ],
  };
}
