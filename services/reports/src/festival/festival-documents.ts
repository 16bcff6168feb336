import { Injectable, Inject } from '@nestjs/common';
import ExcelJS from 'exceljs';
import {
  Actor,
  CalendarEvent,
  calendarRpcs,
  eventKindLabels,
  Festival,
  formatMoscowDate,
  moscowDate,
  moscowTime,
  Organization,
  RenderedDocument,
} from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS } from '@tochka/runtime';
import type { Content } from 'pdfmake/interfaces';
import { assertCoordinator } from '../access';
import { pdfFile, xlsxFile } from '../documents/files';
import { renderPdf } from '../documents/pdf';
import { signatoryOf } from '../plan/approver';
import { approvalBlock, PUBLISHED } from '../plan/plan-document';
import { ReportsStore } from '../read-models/store';

const WEEKDAYS = ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'];

interface Day {
  date: string;
  label: string;
  venues: { name: string; events: CalendarEvent[] }[];
}

/** The festival's programme by day and venue, and its letters of thanks. */
@Injectable()
export class FestivalDocuments {
  constructor(
    private readonly store: ReportsStore,
    @Inject(BUS) private readonly bus: MessageBus,
  ) {}

  /**
   * The festival's name and dates are the calendar's: asked once per document (festivals announce
   * no events of their own); its programme comes from the events read model here.
   */
  private async festival(actor: Actor, id: string): Promise<{ festival: Festival; events: CalendarEvent[] }> {
    const { program: _program, ...festival } = await this.bus.rpc.request(calendarRpcs.getFestival, { actor, id });
    const events = (await this.store.festivalEvents(id)).filter((e) => PUBLISHED.includes(e.status));
    return { festival, events };
  }

  async programme(actor: Actor, id: string, format: 'xlsx' | 'pdf'): Promise<RenderedDocument> {
    const { festival, events } = await this.festival(actor, id);
    const days = byDayAndVenue(events);
    const orgs = await this.store.organizations();
    const name = `Программа фестиваля «${festival.name.replace(/[«»"]/g, '')}»`;
    return format === 'pdf' ? pdfFile(name, await programmePdf(festival, days, orgs)) : xlsxFile(name, await programmeXlsx(festival, days));
  }

  /** A page per organisation that took part (hosted, was invited, or brought a group), signed by the head of the education office. */
  async letters(actor: Actor, id: string): Promise<RenderedDocument> {
    assertCoordinator(actor, 'Формировать благодарственные письма');
    const { festival, events } = await this.festival(actor, id);
    const orgs = await this.store.organizations();
    const registrations = await this.store.registrationsOf(events.map((e) => e.id));
    const roles = new Map<string, { hosted: number; partnered: number; groups: number }>();
    const role = (orgId: string) => roles.get(orgId) ?? roles.set(orgId, { hosted: 0, partnered: 0, groups: 0 }).get(orgId)!;
    for (const e of events) {
      if (e.status === 'at_risk') continue;
      role(e.host.organizationId).hosted++;
      for (const p of e.partners) role(p.organizationId).partnered++;
    }
    for (const r of registrations) if (r.status === 'confirmed' && r.attended !== false) role(r.organizationId).groups++;
    const participants = [...roles.entries()]
      .map(([orgId, what]) => ({ org: orgs.get(orgId), what }))
      .filter((p): p is { org: Organization; what: { hosted: number; partnered: number; groups: number } } => !!p.org)
      .filter((p) => p.org.kind !== 'authority')
      .sort((a, b) => a.org.shortName.localeCompare(b.org.shortName, 'ru', { numeric: true }));
    const signer = signatoryOf(orgs.values(), 'authority');
    const authority = [...orgs.values()].find((o) => o.kind === 'authority');
    const pages: Content[] = participants.map((p, i) => letterPage(festival, p.org, p.what, signer, authority, i < participants.length - 1));
    const bytes = await renderPdf({
      pageSize: 'A4',
      pageMargins: [60, 60, 60, 60],
      info: { title: `Благодарственные письма участникам фестиваля «${festival.name}»` },
      content: pages.length ? pages : [{ text: 'У фестиваля пока нет участников.', italics: true }],
    });
    return pdfFile(`Благодарственные письма ${festival.name.replace(/[«»"]/g, '')}`, bytes);
  }
}

export function byDayAndVenue(events: CalendarEvent[]): Day[] {
  const days = new Map<string, Map<string, CalendarEvent[]>>();
  for (const e of events) {
    const date = moscowDate(new Date(e.start));
    const venue = `${e.host.organizationName}, ${e.venue.roomName}`;
    const venues = days.get(date) ?? days.set(date, new Map()).get(date)!;
    venues.set(venue, [...(venues.get(venue) ?? []), e]);
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, venues]) => ({
      date,
      label: `${formatMoscowDate(date)}, ${WEEKDAYS[new Date(`${date}T12:00:00+03:00`).getUTCDay()]}`,
      // The closing (защита эмблем) ends its day, whatever the clock says about the other venues.
      venues: [...venues.entries()]
        .map(([name, list]) => ({ name, events: list }))
        .sort((a, b) => closing(a.events) - closing(b.events) || (a.events[0]?.start ?? '').localeCompare(b.events[0]?.start ?? '')),
    }));
}

const closing = (events: CalendarEvent[]) => (events.some((e) => e.kind === 'festival_closing') ? 1 : 0);

function span(e: CalendarEvent): string {
  return `${moscowTime(e.start)}–${moscowTime(e.end)}`;
}

async function programmeXlsx(festival: Festival, days: Day[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Программа');
  ws.columns = [{ width: 14 }, { width: 60 }, { width: 22 }, { width: 40 }, { width: 40 }];
  ws.mergeCells(1, 1, 1, 5);
  ws.getCell(1, 1).value = `Программа муниципального фестиваля центров образования «Точка роста» «${festival.name}»`;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.mergeCells(2, 1, 2, 5);
  ws.getCell(2, 1).value = `${formatMoscowDate(festival.startDate)} – ${formatMoscowDate(festival.endDate)}`;
  let r = 4;
  ws.getRow(r).values = ['Время (МСК)', 'Мероприятие', 'Форма', 'Площадка', 'Участники'];
  ws.getRow(r).font = { bold: true };
  r++;
  for (const day of days) {
    ws.mergeCells(r, 1, r, 5);
    ws.getCell(r, 1).value = day.label;
    ws.getCell(r, 1).font = { bold: true };
    ws.getCell(r, 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    r++;
    for (const venue of day.venues) {
      for (const e of venue.events) {
        ws.getRow(r).values = [span(e), e.title, eventKindLabels[e.kind], venue.name, e.partners.map((p) => p.organizationName).join('; ')];
        ws.getRow(r).alignment = { wrapText: true, vertical: 'top' };
        r++;
      }
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function programmePdf(festival: Festival, days: Day[], orgs: Map<string, Organization>): Promise<Buffer> {
  const content: Content[] = [
    approvalBlock(signatoryOf(orgs.values(), 'methodical_service')),
    { text: 'ПРОГРАММА', bold: true, fontSize: 14, alignment: 'center', margin: [0, 16, 0, 2] },
    { text: `муниципального фестиваля центров образования «Точка роста»\n«${festival.name}»`, alignment: 'center', fontSize: 12 },
    { text: `${formatMoscowDate(festival.startDate)} – ${formatMoscowDate(festival.endDate)}`, alignment: 'center', margin: [0, 2, 0, 12] },
  ];
  for (const day of days) {
    content.push({ text: day.label, bold: true, fontSize: 11, margin: [0, 10, 0, 4], fillColor: '#e8eef7' });
    for (const venue of day.venues) {
      content.push({ text: `Площадка: ${venue.name}`, italics: true, margin: [0, 2, 0, 2] });
      content.push({
        table: {
          widths: [62, '*', 90],
          body: venue.events.map((e) => [
            span(e),
            {
              stack: [
                { text: e.title, bold: e.kind === 'festival_closing' },
                ...(e.partners.length ? [{ text: `Участники: ${e.partners.map((p) => p.organizationName).join(', ')}`, fontSize: 8, color: '#444' }] : []),
              ],
            },
            eventKindLabels[e.kind],
          ]),
        },
        layout: 'lightHorizontalLines',
        fontSize: 9,
      });
    }
  }
  if (!days.length) content.push({ text: 'В программе пока нет мероприятий.', italics: true });
  return renderPdf({ pageSize: 'A4', pageMargins: [40, 36, 40, 40], info: { title: `Программа фестиваля «${festival.name}»` }, content });
}

function letterPage(
  festival: Festival,
  org: Organization,
  what: { hosted: number; partnered: number; groups: number },
  signer: { position: string; name: string } | undefined,
  authority: Organization | undefined,
  breakAfter: boolean,
): Content {
  const deeds: string[] = [];
  if (what.hosted) deeds.push(`проведение на своей площадке ${plural(what.hosted, 'мероприятия', 'мероприятий', 'мероприятий')} фестиваля`);
  if (what.partnered) deeds.push(`участие в ${plural(what.partnered, 'сетевом мероприятии', 'сетевых мероприятиях', 'сетевых мероприятиях')}`);
  if (what.groups) deeds.push(`${plural(what.groups, 'группу', 'группы', 'групп')} участников`);
  const period = `${formatMoscowDate(festival.startDate)} – ${formatMoscowDate(festival.endDate)}`;
  return {
    stack: [
      { text: authority?.fullName ?? 'Управление образования', alignment: 'center', fontSize: 11, margin: [0, 0, 0, 60] },
      { text: 'БЛАГОДАРСТВЕННОЕ ПИСЬМО', alignment: 'center', bold: true, fontSize: 24, color: '#1f3f77', margin: [0, 0, 0, 30] },
      { text: 'Управление образования выражает благодарность', alignment: 'center', fontSize: 13 },
      { text: org.fullName, alignment: 'center', bold: true, fontSize: 14, margin: [0, 12, 0, 12] },
      {
        text:
          `за активное участие в муниципальном фестивале центров образования «Точка роста» «${festival.name}» (${period})` +
          `${deeds.length ? `: ${deeds.join(', ')}` : ''}, распространение педагогического опыта и вклад в единое научно-методическое образовательное пространство центров.`,
        alignment: 'justify',
        fontSize: 12,
        lineHeight: 1.3,
        margin: [0, 0, 0, 80],
      },
      {
        columns: [
          { width: '*', text: signer?.position ?? '', fontSize: 12 },
          { width: 120, text: '____________', alignment: 'center', fontSize: 12 },
          { width: 120, text: signer?.name ?? '', alignment: 'right', fontSize: 12 },
        ],
      },
      { text: formatMoscowDate(festival.endDate), margin: [0, 30, 0, 0], fontSize: 11 },
    ],
    ...(breakAfter ? { pageBreak: 'after' as const } : {}),
  };
}

/** «1 мероприятия», «2 мероприятий»: the number with the Russian form for 1, 2–4 and 5+. */
function plural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  const form = m10 === 1 && m100 !== 11 ? one : m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14) ? few : many;
  return `${n} ${form}`;
}
