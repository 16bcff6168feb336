import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { startAgreements } from '@tochka/agreements';
import { startCalendar } from '@tochka/calendar';
import { agreementRpcs, PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '@tochka/contracts';
import { startGateway } from '@tochka/gateway';
import { startRegistrations } from '@tochka/registrations';
import { startReports } from '@tochka/reports';
import { Api, createTestEnv, eventually, ManualClock, Started, startStack, TestEnv, userApi } from '@tochka/testing';
import { COORDINATOR, DS5, HEAD3, scriptYear, ScriptedYear } from './scripted-year';

/** Text of a PDF as poppler's pdftotext reads it (what a reader's copy-paste would give). */
export function pdfText(bytes: Buffer): { text: string; pages: number } {
  const dir = mkdtempSync(join(tmpdir(), 'reports-pdf-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)![1]) };
}

async function download(api: Api, path: string): Promise<{ status: number; type: string; disposition: string; bytes: Buffer; body: string }> {
  const res = await fetch(api.baseUrl + path, { headers: { authorization: `Bearer ${api.token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    disposition: res.headers.get('content-disposition') ?? '',
    bytes,
    body: bytes.toString('utf8'),
  };
}

describe('reports: figures and documents of a scripted year', () => {
  let env: TestEnv;
  const clock = new ManualClock('2022-10-01T09:00:00Z');
  let stack: Started<{
    agreements: typeof startAgreements;
    calendar: typeof startCalendar;
    registrations: typeof startRegistrations;
    reports: typeof startReports;
    gateway: typeof startGateway;
  }>;
  let year: ScriptedYear;
  let coordinator: Api, head3: Api, head5: Api, kindergarten: Api, staff: Api;

  beforeAll(async () => {
    env = createTestEnv();
    const timed =
      <T>(start: (o: { overrides: Record<string, unknown>; clock?: ManualClock }) => Promise<T>) =>
      (o: { overrides: Record<string, unknown> }) =>
        start({ ...o, clock });
    stack = await startStack(env, {
      agreements: timed(startAgreements),
      calendar: timed(startCalendar),
      registrations: timed(startRegistrations),
      reports: timed(startReports),
      gateway: startGateway,
    });
    year = await scriptYear(stack.reports.runtime.bus.rpc, clock);
    [coordinator, head3, head5, kindergarten, staff] = await Promise.all([
      userApi(stack.gateway, 'metodist@mk-moshr.test', 'coordinator', 'mk-moshr'),
      userApi(stack.gateway, 'head@sosh3.test', 'centre_head', 'sosh-3'),
      userApi(stack.gateway, 'head@sosh5.test', 'centre_head', 'sosh-5'),
      userApi(stack.gateway, 'zav@ds5.test', 'kindergarten', 'ds-5'),
      userApi(stack.gateway, 'teacher@sosh3.test', 'staff', 'sosh-3'),
    ]);
    // The read side has everything once the last attendance has arrived.
    await eventually(async () => {
      const res = await coordinator.get('/api/reports/monitoring?schoolYear=2022-2023');
      return res.status === 200 && res.body.total.eventsHeld === 5 && res.body.total.childrenAttended === 7 && res.body.total.participantsReported === 74;
    }, 20_000);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await env?.cleanup();
  });

  describe('monitoring report', () => {
    it('counts what the system recorded, as counted by hand', async () => {
      const { body, status } = await coordinator.get('/api/reports/monitoring?schoolYear=2022-2023');
      expect(status).toBe(200);
      expect(body).toMatchObject({ from: '2022-09-01', to: '2023-08-31', schoolYear: '2022-2023' });
      expect(body.note).toContain('не ведёт и не подсчитывает');
      expect(body.total).toEqual({
        eventsHeld: 5, // e1, e2, e3, e5, e6 (e4 approved, not held)
        networkEvents: 1, // e1 with д/с № 5
        byKind: { master_class: 2, open_lesson: 1, tournament: 1, festival_closing: 1 },
        groupsRegistered: 2,
        childrenRegistered: 14,
        groupsAttended: 1,
        childrenAttended: 7,
        participantsReported: 74, // 7 + 15 + 12 + 10 + 30
        partnersInvolved: 1,
      });
      const centre = (id: string) => body.byCentre.find((c: any) => c.organizationId === id).figures;
      expect(centre('sosh-3')).toMatchObject({
        eventsHeld: 3,
        networkEvents: 1,
        childrenAttended: 7,
        byKind: { master_class: 1, open_lesson: 1, festival_closing: 1 },
      });
      expect(centre('sosh-5')).toMatchObject({ eventsHeld: 2, networkEvents: 0, groupsRegistered: 0, byKind: { tournament: 1, master_class: 1 } });
      expect(body.byMonth.map((m: any) => [m.label, m.figures.eventsHeld])).toEqual([
        ['ноябрь 2022', 2],
        ['декабрь 2022', 1],
        ['апрель 2023', 2],
      ]);
      expect(body.byDirection.find((d: any) => d.direction === 'robotics')).toMatchObject({
        label: 'Робототехника',
        figures: { eventsHeld: 1, childrenRegistered: 14 },
      });
      expect(body.agreements.map((a: any) => [a.number, a.eventsHeld, a.unused])).toEqual([
        ['СВ-2022/31', 1, false],
        ['СВ-2022/32', 0, true],
      ]);
    });

    it('narrows to a period', async () => {
      const { body } = await coordinator.get('/api/reports/monitoring?from=2023-04-01&to=2023-04-30');
      expect(body.schoolYear).toBeUndefined();
      expect(body.total).toMatchObject({ eventsHeld: 2, byKind: { master_class: 1, festival_closing: 1 } });
    });

    it('gives a centre head only its own centre, and nobody else any', async () => {
      const own = await head3.get('/api/reports/monitoring?schoolYear=2022-2023');
      expect(own.status).toBe(200);
      expect(own.body.organization).toEqual({ id: 'sosh-3', name: 'МБОУ СОШ № 3 им. Е.И. Гришко' });
      expect(own.body.total.eventsHeld).toBe(3);
      expect(own.body.byCentre.map((c: any) => c.organizationId)).toEqual(['sosh-3']);
      expect(own.body.agreements.map((a: any) => a.number)).toEqual(['СВ-2022/31', 'СВ-2022/32']);
      const other = await head5.get('/api/reports/monitoring?schoolYear=2022-2023&org=sosh-3');
      expect(other.status).toBe(403);
      expect(other.body.detail).toBe('Руководитель центра видит отчёт только своего центра');
      expect((await kindergarten.get('/api/reports/monitoring?schoolYear=2022-2023')).status).toBe(403);
      expect((await staff.get('/api/reports/monitoring/export?schoolYear=2022-2023')).status).toBe(403);
    });

    it('answers a bad query with a Russian problem', async () => {
      const res = await coordinator.get('/api/reports/monitoring?from=2023-05-01');
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'schoolYear', message: 'Укажите учебный год или период (from и to)' }]);
    });

    it('exports the same figures as XLSX, a sheet per cut', async () => {
      const file = await download(coordinator, '/api/reports/monitoring/export?schoolYear=2022-2023');
      expect(file.status).toBe(200);
      expect(file.type).toBe(XLSX_CONTENT_TYPE);
      expect(file.disposition).toContain(`filename*=UTF-8''${encodeURIComponent('Мониторинг 2022–2023.xlsx')}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.bytes as never);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['Итого', 'По центрам', 'По месяцам', 'По направлениям', 'Соглашения']);
      const total = wb.getWorksheet('Итого')!;
      const header = total.getRow(4).values as unknown[];
      const values = total.getRow(5).values as unknown[];
      expect(values[header.indexOf('Проведено мероприятий')]).toBe(5);
      expect(values[header.indexOf('Детей посетило (факт)')]).toBe(7);
      const months = wb.getWorksheet('По месяцам')!;
      expect([5, 6, 7].map((r) => [months.getRow(r).getCell(1).value, months.getRow(r).getCell(2).value])).toEqual([
        ['ноябрь 2022', 2],
        ['декабрь 2022', 1],
        ['апрель 2023', 2],
      ]);
      const agreements = wb.getWorksheet('Соглашения')!;
      expect(agreements.getRow(5).values).toEqual([
        undefined,
        'СВ-2022/32',
        'Соглашение о сетевом взаимодействии СОШ № 5 и СОШ № 3',
        expect.any(String),
        '10.10.2022',
        '31.08.2023',
        0,
        'не использовано',
      ]);
    });
  });

  describe('plan-schedule export', () => {
    it('is an XLSX with the approval block, the title and a row per published event in Moscow time', async () => {
      const file = await download(staff, '/api/plan/export?schoolYear=2022-2023');
      expect(file.status).toBe(200);
      expect(file.type).toBe(XLSX_CONTENT_TYPE);
      expect(file.disposition).toBe(`attachment; filename="Plan-grafik_2022_2023.xlsx"; filename*=UTF-8''${encodeURIComponent('План-график 2022–2023.xlsx')}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.bytes as never);
      const ws = wb.worksheets[0];
      const texts = (r: number) => (ws.getRow(r).values as unknown[]).filter((v) => v !== undefined && v !== null).map(String);
      // The approval block sits top right, over the last four columns.
      expect([1, 2, 3, 4].map((r) => ws.getCell(r, 12).value)).toEqual([
        'УТВЕРЖДАЮ',
        'Директор МКУ «МК МОЩР»',
        '____________ Лысенко Т.Н.',
        '«___» ____________ 20___ г.',
      ]);
      expect(texts(6)[0]).toMatch(/^План-график мероприятий центров образования «Точка роста» в рамках сетевой формы взаимодействия/);
      expect(ws.getCell(7, 1).value).toBe('на 2022–2023 учебный год');
      expect(texts(9).slice(0, 6)).toEqual(['№ п/п', 'Мероприятие', 'Форма проведения', 'Направление', 'Дата', 'Время (МСК)']);
      const rows = [10, 11, 12, 13, 14, 15].map(texts);
      expect(rows.map((r) => r.slice(0, 2))).toEqual([
        ['1', 'Мастер-класс «Запуск роботов» для дошкольников'],
        ['2', 'Шахматный турнир «Белая ладья»'],
        ['3', 'Открытый урок ОБЖ «Юный спасатель»'],
        ['4', 'Экскурсия по центру для воспитанников детского сада № 5'],
        ['5', 'Мастер-класс по ЛЕГО-конструированию'],
        ['6', 'Закрытие фестиваля: защита эмблем центров «Точка роста»'],
      ]);
      expect(texts(16)).toEqual([]);
      // 10:00 Moscow is 07:00 UTC: the sheet says what the clock in the district says.
      expect(rows[0]).toEqual([
        '1',
        'Мастер-класс «Запуск роботов» для дошкольников',
        'Мастер-класс',
        'Робототехника',
        '15.11.2022',
        '10:00–11:00',
        'МБОУ СОШ № 3 им. Е.И. Гришко',
        'Проектная комната с медиазоной',
        'Кутовая Е.И.',
        'МБДОУ ЦРР д/с № 5',
        'Дошкольники',
        '20',
        'СВ-2022/31',
      ]);
    });

    it('filters by organisation and direction', async () => {
      const file = await download(head5, '/api/plan/export?schoolYear=2022-2023&org=ds-5');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.bytes as never);
      const ws = wb.worksheets[0];
      expect(ws.getCell('A7').value).toBe('на 2022–2023 учебный год, организация: МБДОУ ЦРР д/с № 5');
      expect([ws.getCell('B10').value, ws.getCell('B11').value, ws.getCell('B12').value]).toEqual([
        'Мастер-класс «Запуск роботов» для дошкольников',
        'Экскурсия по центру для воспитанников детского сада № 5',
        null,
      ]);
      const chess = await download(head5, '/api/plan/export?schoolYear=2022-2023&direction=chess');
      await wb.xlsx.load(chess.bytes as never);
      expect(wb.worksheets[0].getCell('B10').value).toBe('Шахматный турнир «Белая ладья»');
      expect(wb.worksheets[0].getCell('B11').value).toBeNull();
    });

    it('is a PDF whose text holds the Cyrillic title, approver and events', async () => {
      const file = await download(kindergarten, '/api/plan/export?schoolYear=2022-2023&format=pdf');
      expect(file.status).toBe(200);
      expect(file.type).toBe(PDF_CONTENT_TYPE);
      expect(file.disposition).toContain(`filename*=UTF-8''${encodeURIComponent('План-график 2022–2023.pdf')}`);
      const { text } = pdfText(file.bytes);
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('УТВЕРЖДАЮ');
      expect(flat).toContain('Лысенко Т.Н.');
      expect(flat).toContain('План-график мероприятий центров образования «Точка роста»');
      expect(flat).toContain('Шахматный турнир «Белая ладья»');
      expect(flat).toContain('15.11.2022');
      expect(flat).toContain('10:00–11:00');
    });

    it('refuses a bad school year in Russian', async () => {
      const res = await staff.get('/api/plan/export?schoolYear=2022-2024');
      expect(res.status).toBe(400);
      expect(res.body.errors[0].message).toBe('Учебный год — два соседних года, например 2022-2023');
    });
  });

  describe('festival documents', () => {
    it('the programme (for everyone) lists the days and venues, ending with the emblem defence', async () => {
      const file = await download(kindergarten, `/api/reports/festivals/${year.festivalId}/programme`);
      expect(file.status).toBe(200);
      expect(file.type).toBe(PDF_CONTENT_TYPE);
      const flat = pdfText(file.bytes).text.replace(/\s+/g, ' ');
      expect(flat).toContain('ПРОГРАММА');
      expect(flat).toContain('«Траектория успеха — «Точка роста»»');
      const day1 = flat.indexOf('18 апреля 2023, вторник');
      const day2 = flat.indexOf('28 апреля 2023, пятница');
      expect(day1).toBeGreaterThan(0);
      expect(day2).toBeGreaterThan(day1);
      expect(flat.indexOf('Мастер-класс по ЛЕГО-конструированию')).toBeGreaterThan(day1);
      expect(flat.indexOf('защита эмблем')).toBeGreaterThan(day2);
      expect(flat).toContain('Площадка: МБОУ СОШ № 5 им. И.П. Рыбина, Кабинет технологии');

      const xlsx = await download(kindergarten, `/api/reports/festivals/${year.festivalId}/programme?format=xlsx`);
      expect(xlsx.type).toBe(XLSX_CONTENT_TYPE);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.bytes as never);
      const col = (c: number) => wb.worksheets[0].getColumn(c).values.filter(Boolean).map(String);
      expect(col(1)).toEqual(expect.arrayContaining(['18 апреля 2023, вторник', '13:00–14:30', '28 апреля 2023, пятница', '11:00–13:00']));
      expect(col(2).at(-1)).toBe('Закрытие фестиваля: защита эмблем центров «Точка роста»');
    });

    it('letters of thanks: a page per participating organisation, signed by the head of the education office', async () => {
      const file = await download(coordinator, `/api/reports/festivals/${year.festivalId}/letters`);
      expect(file.status).toBe(200);
      expect(file.type).toBe(PDF_CONTENT_TYPE);
      const { text, pages } = pdfText(file.bytes);
      expect(pages).toBe(2); // СОШ № 3 (closing), СОШ № 5 (master class)
      const flat = text.replace(/\s+/g, ' ');
      expect(flat.match(/БЛАГОДАРСТВЕННОЕ ПИСЬМО/g)).toHaveLength(2);
      expect(flat).toContain('средняя общеобразовательная школа № 3');
      expect(flat).toContain('средняя общеобразовательная школа № 5');
      expect(flat.match(/Начальник управления образования/g)).toHaveLength(2);
      expect(flat.match(/Сидоренко Н\.А\./g)).toHaveLength(2);
      expect((await head3.get(`/api/reports/festivals/${year.festivalId}/letters`)).status).toBe(403);
    });
  });
  describe('rollover to the next school year', () => {
    const proposalsOf = async (year: string) =>
      (await coordinator.get(`/api/events?from=${year.slice(0, 4)}-09-01&to=${year.slice(5)}-08-31&status=proposed&limit=200`)).body.items;

    it('previews, renews the ending agreements as drafts, copies the plan as proposals to the same weekday and time; twice = once', async () => {
      clock.set('2023-06-01T09:00:00Z');
      const preview = await coordinator.post('/api/reports/rollover/preview', { from: '2022-2023' });
      expect(preview.status).toBe(200);
      expect(preview.body.agreements.map((a: any) => [a.previousNumber, a.number, a.validFrom, a.validTo, a.action])).toEqual([
        ['СВ-2022/31', 'СВ-2023/31', '2023-09-01', '2024-08-31', 'create'],
        ['СВ-2022/32', 'СВ-2023/32', '2023-09-01', '2024-08-31', 'create'],
      ]);
      // Festival events are not copied (a festival is announced anew); e1 and e4 need the renewed agreement.
      expect(preview.body.events.map((e: any) => [e.title, e.start, e.action])).toEqual([
        ['Мастер-класс «Запуск роботов» для дошкольников', '2023-11-14T07:00:00.000Z', 'waits'],
        ['Шахматный турнир «Белая ладья»', '2023-11-19T09:00:00.000Z', 'create'],
        ['Открытый урок ОБЖ «Юный спасатель»', '2023-12-05T11:00:00.000Z', 'create'],
        ['Экскурсия по центру для воспитанников детского сада № 5', '2024-01-16T07:00:00.000Z', 'waits'],
      ]);
      expect(preview.body.events[0].reason).toBe('Ждёт продления соглашения № СВ-2022/31');
      expect(await proposalsOf('2023-2024')).toEqual([]); // a preview writes nothing

      const first = await coordinator.post('/api/reports/rollover', { from: '2022-2023', to: '2023-2024' });
      expect(first.status).toBe(200);
      expect(first.body.agreements.map((a: any) => [a.number, a.action, a.status])).toEqual([
        ['СВ-2023/31', 'exists', 'draft'],
        ['СВ-2023/32', 'exists', 'draft'],
      ]);
      expect(first.body.events.map((e: any) => e.action)).toEqual(['waits', 'exists', 'exists', 'waits']);
      expect(first.body.events[0].reason).toBe('Ждёт подписания соглашения № СВ-2023/31 всеми сторонами');
      const second = await coordinator.post('/api/reports/rollover', { from: '2022-2023' });
      expect(second.body).toEqual(first.body);
      const proposals = await proposalsOf('2023-2024');
      expect(proposals.map((e: any) => [e.title, e.start, e.end, e.venue.roomKey])).toEqual([
        ['Шахматный турнир «Белая ладья»', '2023-11-19T09:00:00.000Z', '2023-11-19T12:00:00.000Z', 'chess-zone'],
        ['Открытый урок ОБЖ «Юный спасатель»', '2023-12-05T11:00:00.000Z', '2023-12-05T12:00:00.000Z', 'obzh'],
      ]);
      const drafts = await coordinator.get('/api/agreements?status=draft');
      expect(drafts.body.items.map((a: any) => a.number).sort()).toEqual(['СВ-2023/31', 'СВ-2023/32']);

      // Once the parties signed the renewed agreement, a run proposes the events that waited for it, and only those.
      const renewed = first.body.agreements[0].renewedId;
      const rpc = stack.reports.runtime.bus.rpc;
      await rpc.request(agreementRpcs.propose, { actor: COORDINATOR, id: renewed });
      await rpc.request(agreementRpcs.sign, { actor: HEAD3, id: renewed });
      await rpc.request(agreementRpcs.sign, { actor: DS5, id: renewed });
      const ready = await eventually(async () => {
        const res = await coordinator.post('/api/reports/rollover/preview', { from: '2022-2023' });
        return res.body.events[0].action === 'create' && res;
      });
      expect(ready.body.events.map((e: any) => e.action)).toEqual(['create', 'exists', 'exists', 'create']);
      const third = await coordinator.post('/api/reports/rollover', { from: '2022-2023' });
      expect(third.body.events.map((e: any) => e.action)).toEqual(['exists', 'exists', 'exists', 'exists']);
      const all = await proposalsOf('2023-2024');
      expect(all).toHaveLength(4);
      expect(all.find((e: any) => e.title.startsWith('Мастер-класс')).agreementId).toBe(renewed);
      const fourth = await coordinator.post('/api/reports/rollover', { from: '2022-2023' });
      expect(fourth.body.events.map((e: any) => e.action)).toEqual(['exists', 'exists', 'exists', 'exists']);
      expect(await proposalsOf('2023-2024')).toHaveLength(4);
      expect((await coordinator.get('/api/agreements?status=draft')).body.items).toHaveLength(1);
    });

    it('is the coordinator’s alone, and checks its input in Russian', async () => {
      expect((await head3.post('/api/reports/rollover/preview', { from: '2022-2023' })).status).toBe(403);
      const bad = await coordinator.post('/api/reports/rollover', { from: '2022-2023', to: '2021-2022' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ path: 'to', message: 'Новый учебный год должен быть позже исходного' }]);
    });
  });
});
