import ExcelJS from 'exceljs';
import { startAgreements } from '@tochka/agreements';
import { startCalendar } from '@tochka/calendar';
import { CalendarEvent, XLSX_CONTENT_TYPE } from '@tochka/contracts';
import { startGateway } from '@tochka/gateway';
import { startRegistrations } from '@tochka/registrations';
import { startReports } from '@tochka/reports';
import { Api, BusProbe, createTestEnv, eventually, ManualClock, Started, startStack, TestEnv, userApi } from '@tochka/testing';
import { importAgreements, registerOrganizations, scriptYear } from './scripted-year';

type Stack = Started<{ agreements: typeof startAgreements; calendar: typeof startCalendar; reports: typeof startReports; gateway: typeof startGateway }>;
const timed =
  (clock: ManualClock) =>
  <T>(start: (o: { overrides: Record<string, unknown>; clock?: ManualClock }) => Promise<T>) =>
  (o: { overrides: Record<string, unknown> }) =>
    start({ ...o, clock });

async function upload(api: Api, query: string, bytes: Buffer, type = XLSX_CONTENT_TYPE) {
  const res = await fetch(`${api.baseUrl}/api/plan/import?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.token}`, 'content-type': type },
    body: bytes,
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function eventsOf(api: Api): Promise<CalendarEvent[]> {
  const res = await api.get('/api/events?from=2022-09-01&to=2023-08-31&limit=200');
  return res.body.items;
}

/** What a plan row says about an event (ids differ between the two networks; agreement by number). */
function planEntry(e: CalendarEvent, numbers: Map<string, string>) {
  return {
    title: e.title,
    kind: e.kind,
    direction: e.direction,
    host: e.host.organizationId,
    room: e.venue.roomKey,
    start: e.start,
    end: e.end,
    audience: e.audience,
    partners: e.partners.map((p) => p.organizationId),
    agreement: e.agreementId ? numbers.get(e.agreementId) : undefined,
    capacity: e.capacity,
    contact: e.contact.name,
  };
}

describe('plan-schedule import from the export layout', () => {
  // A: the scripted year, exported. B: a fresh network with the same organisations and agreements, no events.
  const clockA = new ManualClock('2022-10-01T09:00:00Z');
  const clockB = new ManualClock('2022-10-01T09:00:00Z');
  let envA: TestEnv, envB: TestEnv;
  let a: Started<{
    agreements: typeof startAgreements;
    calendar: typeof startCalendar;
    registrations: typeof startRegistrations;
    reports: typeof startReports;
    gateway: typeof startGateway;
  }>;
  let b: Stack;
  let exported: Buffer;
  let numbersA: Map<string, string>, numbersB: Map<string, string>;
  let coordinatorA: Api, coordinatorB: Api, headB: Api;
  let probeB: BusProbe;

  beforeAll(async () => {
    envA = createTestEnv();
    envB = createTestEnv();
    a = await startStack(envA, {
      agreements: timed(clockA)(startAgreements),
      calendar: timed(clockA)(startCalendar),
      registrations: timed(clockA)(startRegistrations),
      reports: timed(clockA)(startReports),
      gateway: startGateway,
    });
    b = await startStack(envB, {
      agreements: timed(clockB)(startAgreements),
      calendar: timed(clockB)(startCalendar),
      reports: timed(clockB)(startReports),
      gateway: startGateway,
    });
    probeB = await BusProbe.connect(envB);
    const year = await scriptYear(a.reports.runtime.bus.rpc, clockA);
    await registerOrganizations(b.reports.runtime.bus.rpc);
    const agreementsB = await importAgreements(b.reports.runtime.bus.rpc);
    numbersA = new Map([
      [year.agreements.a1, 'СВ-2022/31'],
      [year.agreements.a2, 'СВ-2022/32'],
    ]);
    numbersB = new Map([
      [agreementsB.a1, 'СВ-2022/31'],
      [agreementsB.a2, 'СВ-2022/32'],
    ]);
    [coordinatorA, coordinatorB, headB] = await Promise.all([
      userApi(a.gateway, 'metodist@mk-moshr.test', 'coordinator', 'mk-moshr'),
      userApi(b.gateway, 'metodist@mk-moshr.test', 'coordinator', 'mk-moshr'),
      userApi(b.gateway, 'head@sosh3.test', 'centre_head', 'sosh-3'),
    ]);
    exported = await eventually(async () => {
      const res = await fetch(`${coordinatorA.baseUrl}/api/plan/export?schoolYear=2022-2023`, { headers: { authorization: `Bearer ${coordinatorA.token}` } });
      const bytes = Buffer.from(await res.arrayBuffer());
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as never);
      return wb.worksheets[0]!.getCell('B15').value ? bytes : undefined;
    }, 20_000);
    // B's read side knows the organisations and both agreements.
    await eventually(
      async () =>
        (await b.reports.runtime.mongo.collection('agreements').countDocuments({ status: 'active' })) === 2 &&
        (await b.reports.runtime.mongo.collection('organizations').countDocuments()) === 5,
    );
  }, 180_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await probeB?.close();
    await envA?.cleanup();
    await envB?.cleanup();
  });

  it('answers each bad row of a broken file in Russian and writes nothing, dry run or not', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as never);
    const ws = wb.worksheets[0]!;
    const col = (header: string) => (ws.getRow(9).values as unknown[]).indexOf(header);
    ws.getCell(10, col('Центр (организатор)')).value = 'МБОУ СОШ № 99'; // the robot launch: unknown host
    ws.getCell(11, col('Участники (партнёры)')).value = 'МБДОУ ЦРР д/с № 5'; // the chess tournament: no agreement with д/с № 5
    ws.getCell(12, col('Время (МСК)')).value = '15:00–14:00'; // the open lesson: ends before it starts
    ws.getCell(13, col('Помещение')).value = 'Спортивный зал'; // the excursion: no such room
    const copy = ws.getRow(14).values as unknown[];
    ws.getRow(16).values = copy; // the LEGO master class twice
    const broken = Buffer.from(await wb.xlsx.writeBuffer());

    for (const dryRun of ['true', 'false']) {
      const res = await upload(coordinatorB, `schoolYear=2022-2023&approvedOnPaper=true&dryRun=${dryRun}`, broken);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: false, created: 0, existing: 0, dryRun: dryRun === 'true' });
      expect(res.body.summary).toBe('Ошибок в строках: 5 из 7. Ничего не загружено: исправьте файл и проверьте снова.');
      expect(res.body.rows.map((r: any) => [r.row, r.status, r.problems])).toEqual([
        [10, 'error', ['Неизвестная организация «МБОУ СОШ № 99»']],
        [11, 'error', ['Нет действующего соглашения между «МБОУ СОШ № 5 им. И.П. Рыбина» и «МБДОУ ЦРР д/с № 5» на 20.11.2022']],
        [12, 'error', ['Окончание (14:00) не позже начала (15:00)']],
        [13, 'error', ['У организации «МБОУ СОШ № 3 им. Е.И. Гришко» нет помещения «Спортивный зал»']],
        [14, 'ok', []],
        [15, 'ok', []],
        [16, 'error', ['Повторяет строку 14: тот же центр, время и название']],
      ]);
    }
    expect(await eventsOf(coordinatorB)).toEqual([]);
  });

  it('refuses what is not a spreadsheet, and anyone but the coordinator', async () => {
    const notXlsx = await upload(coordinatorB, 'schoolYear=2022-2023', Buffer.from('a;b;c'), 'text/csv');
    expect(notXlsx.status).toBe(415);
    expect(notXlsx.body.detail).toBe(`Ожидается файл Excel (XLSX) (Content-Type: ${XLSX_CONTENT_TYPE})`);
    const garbage = await upload(coordinatorB, 'schoolYear=2022-2023', Buffer.from('не таблица'));
    expect(garbage.status).toBe(400);
    expect(garbage.body.detail).toBe('Файл не читается как таблица Excel (XLSX)');
    expect((await upload(headB, 'schoolYear=2022-2023', exported)).status).toBe(403);
    const badYear = await upload(coordinatorB, 'schoolYear=2022', exported);
    expect(badYear.status).toBe(400);
  });

  it('export → import into a fresh network creates the same events as proposals; twice creates nothing new', async () => {
    const dry = await upload(coordinatorB, 'schoolYear=2022-2023&dryRun=true', exported);
    expect(dry.body).toMatchObject({ ok: true, created: 0, summary: 'Проверено строк: 6, ошибок нет. Можно загружать как предложения на согласование.' });
    expect(await eventsOf(coordinatorB)).toEqual([]);

    const first = await upload(coordinatorB, 'schoolYear=2022-2023&dryRun=false', exported);
    expect(first.body).toMatchObject({ ok: true, created: 6, existing: 0, summary: 'Загружено новых мероприятий: 6, уже были загружены: 0.' });
    const original = (await eventsOf(coordinatorA)).map((e) => planEntry(e, numbersA));
    const loaded = await eventsOf(coordinatorB);
    expect(loaded.map((e) => e.status)).toEqual(Array(6).fill('proposed'));
    expect(loaded.map((e) => planEntry(e, numbersB))).toEqual(original);

    const again = await upload(coordinatorB, 'schoolYear=2022-2023&dryRun=false', exported);
    expect(again.body).toMatchObject({ ok: true, created: 0, existing: 6 });
    expect(again.body.rows.map((r: any) => r.eventId)).toEqual(first.body.rows.map((r: any) => r.eventId));
    expect(await eventsOf(coordinatorB)).toHaveLength(6);
    // The coordinator loaded them: proposals marked imported, so nobody is mailed about them.
    const proposed = (await probeB.events('calendar')).filter((e) => e.envelope.type === 'event.proposed');
    expect(proposed).toHaveLength(6);
    expect(proposed.every((e) => (e.envelope.data as { imported?: boolean }).imported === true)).toBe(true);
  });

  it('loads a plan approved on paper as approved events, marked imported', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as never);
    const ws = wb.worksheets[0]!;
    ws.spliceRows(11, 5); // keep the robot launch only
    ws.getCell(10, 2).value = 'Мастер-класс «Запуск роботов» (повтор для второй группы)';
    ws.getCell(10, 6).value = '12:00–13:00';
    const res = await upload(coordinatorB, 'schoolYear=2022-2023&dryRun=false&approvedOnPaper=true', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.body).toMatchObject({ ok: true, created: 1, approvedOnPaper: true });
    const event = (await eventsOf(coordinatorB)).find((e) => e.id === res.body.rows[0].eventId)!;
    expect(event).toMatchObject({
      status: 'approved',
      start: '2022-11-15T09:00:00.000Z',
      end: '2022-11-15T10:00:00.000Z',
      partners: [{ organizationId: 'ds-5' }],
    });
    const approved = (await probeB.events('calendar')).filter((e) => e.envelope.type === 'event.approved');
    expect(approved.map((e) => e.envelope.data)).toEqual([expect.objectContaining({ imported: true, event: expect.objectContaining({ id: event.id }) })]);
  });
});
