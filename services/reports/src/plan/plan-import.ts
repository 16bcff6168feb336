import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import {
  Actor,
  Agreement,
  agreementValidOn,
  Audience,
  audienceLabels,
  calendarRpcs,
  DIRECTIONS,
  directionLabels,
  DomainError,
  EVENT_KINDS,
  eventKindLabels,
  EventInput,
  Organization,
  PlanImportResult,
} from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS, Clock, CLOCK } from '@tochka/runtime';
import { assertCoordinator } from '../access';
import { ReportsStore } from '../read-models/store';
import { schoolYearLabel, schoolYearPeriod } from '../school-year';
import { PLAN_COLUMNS, PlanColumn } from './plan-layout';

type Row = PlanImportResult['rows'][number];

interface Checked {
  row: Row;
  key?: string;
  event?: EventInput;
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s"«»“”]+/g, ' ')
    .trim();
const dmy = (date: string) => date.split('-').reverse().join('.');

/**
 * The plan-schedule from the export's XLSX layout: every row checked against the organisations,
 * rooms and agreements known here; a dry run answers row by row; a real import writes only when
 * every row is right, through the calendar's own command (idempotent by a key of the row).
 */
@Injectable()
export class PlanImport {
  constructor(
    private readonly store: ReportsStore,
    @Inject(BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(actor: Actor, opts: { schoolYear: string; dryRun: boolean; approvedOnPaper: boolean; file: Buffer }): Promise<PlanImportResult> {
    assertCoordinator(actor, 'Загружать план-график');
    const sheet = await readSheet(opts.file);
    const [orgs, agreements] = await Promise.all([this.store.organizations(), this.store.agreements()]);
    const checked = checkRows(sheet, { ...opts, orgs, agreements, now: this.clock.now() });
    const bad = checked.filter((c) => c.row.status === 'error').length;
    const base = { schoolYear: opts.schoolYear, dryRun: opts.dryRun, approvedOnPaper: opts.approvedOnPaper };
    if (!checked.length) throw new DomainError('validation_failed', 'В файле нет ни одной строки плана под заголовком таблицы', 400);
    if (bad || opts.dryRun) {
      return {
        ...base,
        ok: !bad,
        rows: checked.map((c) => c.row),
        created: 0,
        existing: 0,
        summary: bad
          ? `Ошибок в строках: ${bad} из ${checked.length}. Ничего не загружено: исправьте файл и проверьте снова.`
          : `Проверено строк: ${checked.length}, ошибок нет. Можно загружать${opts.approvedOnPaper ? ' как утверждённый план' : ' как предложения на согласование'}.`,
      };
    }
    let created = 0;
    let existing = 0;
    const rows: Row[] = [];
    for (const c of checked) {
      const recordId = `import:${c.key}`;
      const known = await this.store.models.rollover.findById(recordId).lean();
      if (known) {
        existing++;
        rows.push({ ...c.row, status: 'existing', eventId: known.targetId });
        continue;
      }
      try {
        const { event } = await this.bus.rpc.request(calendarRpcs.import, {
          actor,
          key: c.key!,
          event: c.event!,
          as: opts.approvedOnPaper ? 'approved' : 'proposed',
        });
        await this.store.models.rollover.updateOne(
          { _id: recordId },
          { $setOnInsert: { kind: 'event', targetId: event.id, createdAt: this.clock.now() } },
          { upsert: true },
        );
        created++;
        rows.push({ ...c.row, status: 'created', eventId: event.id });
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500) throw err;
        rows.push({ ...c.row, status: 'error', problems: [err.message, ...(err.errors ?? []).map((e) => e.message)] });
      }
    }
    const failed = rows.filter((r) => r.status === 'error').length;
    return {
      ...base,
      ok: !failed,
      rows,
      created,
      existing,
      summary: `Загружено новых мероприятий: ${created}, уже были загружены: ${existing}${failed ? `, не приняты календарём: ${failed}` : ''}.`,
    };
  }
}

export type SheetRow = { row: number } & Partial<Record<PlanColumn, string>>;

/** The first sheet's table under the header row (found by its «Мероприятие» cell), by column header. */
export async function readSheet(file: Buffer): Promise<SheetRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new DomainError('validation_failed', 'Файл не читается как таблица Excel (XLSX)', 400);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new DomainError('validation_failed', 'В файле нет листов', 400);
  const byHeader = new Map(Object.entries(PLAN_COLUMNS).map(([k, v]) => [norm(v), k as PlanColumn]));
  let columns: Map<number, PlanColumn> | undefined;
  const rows: SheetRow[] = [];
  ws.eachRow((row, n) => {
    const cells = new Map<number, string>();
    row.eachCell((cell, c) => cells.set(c, cellText(cell)));
    if (!columns) {
      const found = new Map<number, PlanColumn>();
      for (const [c, text] of cells) {
        const k = byHeader.get(norm(text));
        if (k) found.set(c, k);
      }
      if ([...found.values()].includes('title')) columns = found;
      return;
    }
    const values: SheetRow = { row: n };
    for (const [c, k] of columns) {
      const v = cells.get(c)?.trim();
      if (v) values[k] = v;
    }
    if (Object.keys(values).some((k) => k !== 'row' && k !== 'no')) rows.push(values);
  });
  if (!columns) throw new DomainError('validation_failed', `Не найдена строка заголовков таблицы (ячейка «${PLAN_COLUMNS.title}»)`, 400);
  const missing = (['title', 'kind', 'direction', 'date', 'time', 'host', 'room'] as PlanColumn[]).filter((k) => ![...columns!.values()].includes(k));
  if (missing.length) throw new DomainError('validation_failed', `В таблице нет столбцов: ${missing.map((k) => `«${PLAN_COLUMNS[k]}»`).join(', ')}`, 400);
  return rows;
}

/** Text of a cell; a date typed as a date in the spreadsheet reads as its wall-clock day (ДД.ММ.ГГГГ). */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v instanceof Date) return `${String(v.getUTCDate()).padStart(2, '0')}.${String(v.getUTCMonth() + 1).padStart(2, '0')}.${v.getUTCFullYear()}`;
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (v && typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  return v === null || v === undefined ? '' : String(v);
}

interface CheckContext {
  schoolYear: string;
  approvedOnPaper: boolean;
  orgs: Map<string, Organization>;
  agreements: Agreement[];
  now: Date;
}

const labelIndex = <K extends string>(labels: Record<K, string>, keys: readonly K[]) => new Map(keys.map((k) => [norm(labels[k]), k]));
const KINDS = labelIndex(eventKindLabels, EVENT_KINDS);
const DIRECTION_BY_LABEL = labelIndex(directionLabels, DIRECTIONS);
const AUDIENCES = labelIndex(audienceLabels, Object.keys(audienceLabels) as Audience[]);

export function checkRows(rows: SheetRow[], ctx: CheckContext): Checked[] {
  const byName = new Map<string, Organization>();
  for (const o of ctx.orgs.values()) for (const n of [o.id, o.shortName, o.fullName]) byName.set(norm(n), o);
  const agreementByNumber = new Map(ctx.agreements.map((a) => [norm(a.number), a]));
  const period = schoolYearPeriod(ctx.schoolYear);
  const seen = new Map<string, number>();

  return rows.map((r) => {
    const problems: string[] = [];
    const title = r.title ?? '';
    if (!title) problems.push('Не указано название мероприятия');
    const kind = r.kind ? KINDS.get(norm(r.kind)) : undefined;
    if (!r.kind) problems.push('Не указана форма проведения');
    else if (!kind) problems.push(`Неизвестная форма проведения «${r.kind}»`);
    const direction = r.direction ? DIRECTION_BY_LABEL.get(norm(r.direction)) : undefined;
    if (!r.direction) problems.push('Не указано направление');
    else if (!direction) problems.push(`Неизвестное направление «${r.direction}»`);

    const host = r.host ? byName.get(norm(r.host)) : undefined;
    if (!r.host) problems.push('Не указан центр-организатор');
    else if (!host) problems.push(`Неизвестная организация «${r.host}»`);
    const room = host && r.room ? host.rooms.find((x) => norm(x.name) === norm(r.room!) || x.key === r.room) : undefined;
    if (!r.room) problems.push('Не указано помещение');
    else if (host && !room) problems.push(`У организации «${host.shortName}» нет помещения «${r.room}»`);

    const partnerNames = (r.partners ?? '')
      .split(/;\s*|\n/)
      .map((s) => s.trim())
      .filter(Boolean);
    const partners: Organization[] = [];
    for (const name of partnerNames) {
      const p = byName.get(norm(name));
      if (!p) problems.push(`Неизвестная организация «${name}»`);
      else if (host && p.id === host.id) problems.push(`Организатор «${host.shortName}» указан и среди партнёров`);
      else partners.push(p);
    }

    const date = parseDate(r.date);
    if (!r.date) problems.push('Не указана дата');
    else if (!date) problems.push(`Дата «${r.date}» не распознана: ожидается ДД.ММ.ГГГГ`);
    else if (date < period.from || date > period.to) problems.push(`Дата ${dmy(date)} вне ${schoolYearLabel(ctx.schoolYear)} учебного года`);
    const time = parseTime(r.time);
    if (!r.time) problems.push('Не указано время');
    else if (!time) problems.push(`Время «${r.time}» не распознано: ожидается ЧЧ:ММ–ЧЧ:ММ`);
    else if (time.end <= time.start) problems.push(`Окончание (${time.end}) не позже начала (${time.start})`);
    const start = date && time ? `${date}T${time.start}:00+03:00` : undefined;
    const end = date && time ? `${date}T${time.end}:00+03:00` : undefined;
    if (start && !ctx.approvedOnPaper && Date.parse(start) <= ctx.now.getTime()) {
      problems.push('Начало уже прошло: прошедшее мероприятие загружается только как утверждённое на бумаге');
    }

    let agreement: Agreement | undefined;
    if (r.agreement) {
      agreement = agreementByNumber.get(norm(r.agreement));
      if (!agreement) problems.push(`Соглашение № ${r.agreement} не найдено`);
      else if (host && date) {
        const parties = new Set(agreement.parties.map((p) => p.organizationId));
        for (const o of [host, ...partners]) if (!parties.has(o.id)) problems.push(`«${o.shortName}» не является стороной соглашения № ${agreement.number}`);
        if (!agreementValidOn(agreement, date)) problems.push(`Соглашение № ${agreement.number} не действует ${dmy(date)}`);
      }
    } else if (partners.length && host && date) {
      agreement = ctx.agreements.find((a) => agreementValidOn(a, date) && [host, ...partners].every((o) => a.parties.some((p) => p.organizationId === o.id)));
      if (!agreement)
        problems.push(`Нет действующего соглашения между «${host.shortName}» и ${partners.map((p) => `«${p.shortName}»`).join(', ')} на ${dmy(date)}`);
    }

    const audience: Audience[] = [];
    for (const label of (r.audience ?? '')
      .split(/[;,]\s*/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const a = AUDIENCES.get(norm(label));
      if (!a) problems.push(`Неизвестная категория участников «${label}»`);
      else if (!audience.includes(a)) audience.push(a);
    }
    if (!audience.length) audience.push(partners.some((p) => p.kind === 'kindergarten') ? 'preschoolers' : 'pupils');
    const seats = count(r.seats, 'мест', problems);
    const groups = count(r.groups, 'групп', problems);

    const identity = host && start ? `${host.id}|${start}|${norm(title)}` : undefined;
    if (identity) {
      const earlier = seen.get(identity);
      if (earlier) problems.push(`Повторяет строку ${earlier}: тот же центр, время и название`);
      else seen.set(identity, r.row);
    }
    const row: Row = { row: r.row, title: title || '—', status: problems.length ? 'error' : 'ok', problems };
    if (problems.length) return { row };
    const head = host!.head.name;
    const event: EventInput = {
      hostId: host!.id,
      title,
      kind: kind!,
      direction: direction!,
      venue: room!.key,
      start: new Date(start!).toISOString(),
      end: new Date(end!).toISOString(),
      audience,
      ...(r.grades ? { grades: r.grades } : {}),
      partners: partners.map((p) => p.id),
      ...(agreement ? { agreementId: agreement.id } : {}),
      ...(seats || groups ? { capacity: { ...(seats ? { seats } : {}), ...(groups ? { groups } : {}) } } : {}),
      ...(r.responsible && norm(r.responsible) !== norm(head) ? { contact: { name: r.responsible } } : {}),
    };
    const key = `plan-${createHash('sha256').update(`${ctx.schoolYear}|${identity}`).digest('hex').slice(0, 40)}`;
    return { row, key, event };
  });
}

function parseDate(text: string | undefined): string | undefined {
  const m = text?.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/);
  if (!m?.[1] || !m[2] || !m[3]) return undefined;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

function parseTime(text: string | undefined): { start: string; end: string } | undefined {
  const m = text?.match(/^(\d{1,2}):(\d{2})\s*[–—-]\s*(\d{1,2}):(\d{2})$/);
  if (!m?.[1] || !m[2] || !m[3] || !m[4]) return undefined;
  const hhmm = (h: string, mm: string) => (Number(h) < 24 && Number(mm) < 60 ? `${h.padStart(2, '0')}:${mm}` : undefined);
  const start = hhmm(m[1], m[2]);
  const end = hhmm(m[3], m[4]);
  return start && end ? { start, end } : undefined;
}

function count(text: string | undefined, what: string, problems: string[]): number | undefined {
  if (!text) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    problems.push(`Число ${what} «${text}» должно быть целым положительным`);
    return undefined;
  }
  return n;
}
