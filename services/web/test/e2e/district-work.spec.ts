import { horizontalOverflow, logIn, noRawData, screenshot, seriousViolations, startWebStack, user, visibleText, WebStack } from './harness';

/**
 * The work of the centres' heads and of the methodical service, in the browser only, against the
 * whole network: the coordinator drafts an agreement between СОШ № 3 and д/с № 5 and sends it,
 * both heads sign it, the head of СОШ № 3 proposes a robot-launch master class, the coordinator
 * approves it from the inbox, д/с № 5 registers a group, the event takes place (the network's
 * clock is moved past its end) and the head records attendance. The mails arrive at the SMTP sink.
 * Beside the story: a rejection, the registry's filters, axe on every page, a phone-sized screen.
 */
// Each flow drives several pages through the whole network; on a loaded 2-core machine one can pass a minute.
jest.setTimeout(180_000);

describe('web app: centre heads and the methodical service', () => {
  let stack: WebStack;
  const coordinator = user('coordinator');
  const head3 = user('centre_head', 'sosh-3');
  const ds5 = user('kindergarten', 'ds-5');
  const NUMBER = `СВ-Э2Е/${Date.now() % 100000}`;
  let agreementUrl = '';
  const TITLE = 'Запуск робота: мастер-класс для дошкольников';
  let eventId = '';
  // The master class: the day after tomorrow, 10:00–11:00 Moscow time.
  const day = new Date(Date.now() + 2 * 86400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/Moscow' });
  const eventEnd = new Date(`${day}T11:00:00+03:00`);

  beforeAll(async () => {
    stack = await startWebStack();
  }, 480_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('the coordinator drafts an agreement between СОШ № 3 and д/с № 5 in the form and sends it for signature', async () => {
    const page = await stack.pageAs(coordinator.email, '/agreements');
    await page.getByRole('heading', { name: 'Реестр соглашений' }).waitFor();
    await page.getByText(/Найдено соглашений: \d+/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Новое соглашение' }).click();
    await page.getByRole('heading', { name: 'Новое соглашение' }).waitFor();
    await page.getByLabel('Номер').fill(NUMBER);
    await page.getByLabel('Название').fill('Соглашение о сетевой форме: робототехника для дошкольников');
    const directions = page.getByRole('textbox', { name: 'Направления сотрудничества' });
    await directions.click();
    await directions.fill('Робото');
    await page.getByRole('option', { name: 'Робототехника' }).click();
    await page.keyboard.press('Escape');
    const parties = page.getByRole('textbox', { name: 'Стороны соглашения' });
    for (const [typed, option] of [
      ['СОШ № 3 ', /^МБОУ СОШ № 3 им/],
      ['д/с № 5', /д\/с № 5$/],
    ] as const) {
      await parties.click();
      await parties.fill(typed);
      await page.getByRole('option', { name: option }).click();
      await page.keyboard.press('Escape');
    }
    await page
      .getByLabel(/Ответственный от/)
      .first()
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Сохранить черновик' }).click();

    await page.getByRole('heading', { name: `Соглашение № ${NUMBER}` }).waitFor();
    agreementUrl = new URL(page.url()).pathname;
    await page.getByText('Черновик', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Направить на подпись' }).click();
    await page.getByText(/направлено сторонам на подпись: руководители получат письма/).waitFor();
    expect(await page.getByRole('button', { name: 'Подписать' }).count()).toBe(0); // the coordinator signs for no one
    await noRawData(page);
    expect(await seriousViolations(page)).toEqual([]);
    await stack.mailTo('sosh3@shcherbinovsky.test', new RegExp(NUMBER.replace(/[/]/g, '.')));
    await stack.mailTo('ds5@shcherbinovsky.test', new RegExp(NUMBER.replace(/[/]/g, '.')));
  });

  it('both heads find it awaiting their signature and sign it; it is in force', async () => {
    for (const [who, last] of [
      [head3, false],
      [ds5, true],
    ] as const) {
      const page = await stack.pageAs(who.email, '/agreements');
      const awaiting = page.getByRole('region', { name: 'Ждут подписи вашей организации' });
      await awaiting.getByRole('link', { name: new RegExp(NUMBER.replace(/[/]/g, '.')) }).click();
      await page.getByRole('heading', { name: `Соглашение № ${NUMBER}` }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Подписать' }).click();
      await page.getByText('Соглашение подписано от имени вашей организации.').waitFor();
      await page.getByText(last ? 'Действует' : 'Направлено сторонам на подпись', { exact: true }).waitFor();
      expect(await page.getByRole('button', { name: 'Подписать' }).count()).toBe(0);
      await noRawData(page);
    }
    await stack.mailTo('sosh3@shcherbinovsky.test', /вступило в силу|действует/i);
  });

  it('the registry filters by party, status and "valid on"; a head is offered no termination', async () => {
    const page = await stack.pageAs(head3.email, '/agreements', { phone: true });
    await page.getByRole('textbox', { name: 'Статус' }).click();
    await page.getByRole('option', { name: 'Действует' }).click();
    await page.getByLabel('Действует на дату').fill(new Date(Date.now() + 86400_000).toISOString().slice(0, 10));
    await page.getByRole('link', { name: new RegExp(NUMBER.replace(/[/]/g, '.')) }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(agreementUrl);
    await page.getByRole('heading', { name: 'Стороны и подписи' }).waitFor();
    await page.getByRole('button', { name: 'Продлить на следующий учебный год' }).waitFor();
    expect(await page.getByRole('button', { name: 'Расторгнуть' }).count()).toBe(0);
    await page.getByText('Журнал подписей').waitFor();
  });

  it('the coordinator rejects a proposal from the inbox with a reason; the menu counts what waits', async () => {
    const api = await stack.apiAs(head3.email);
    const start = new Date(Date.now() + 5 * 86400_000);
    start.setUTCHours(8, 0, 0, 0);
    const proposal = await api.post('/api/events', {
      hostId: 'sosh-3',
      title: 'Шахматный турнир центра',
      kind: 'tournament',
      direction: 'chess',
      venue: 'chess-zone',
      audience: ['pupils'],
      start: start.toISOString(),
      end: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    });
    expect(proposal.status).toBe(201);

    const page = await stack.pageAs(coordinator.email, '/inbox');
    await page.getByRole('heading', { name: 'Входящие методической службы' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Разделы' })
      .getByLabel(/ожидают решения: \d+/)
      .waitFor();
    const card = page.getByRole('article', { name: 'Шахматный турнир центра' });
    await card.getByText('Шахматная зона в этот день').waitFor();
    await card.getByText('Не требуется: мероприятие без партнёров.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await card.getByRole('button', { name: 'Отклонить…' }).click();
    await card.getByLabel(/Причина отклонения/).fill('В этот день в центре районная олимпиада');
    await card.getByRole('button', { name: 'Отклонить предложение' }).click();
    await page.getByText(/организатор получит письмо с причиной/).waitFor();
    expect((await api.get(`/api/events/${proposal.body.event.id}`)).body).toMatchObject({
      status: 'rejected',
      rejectionReason: 'В этот день в центре районная олимпиада',
    });
    await stack.mailTo(head3.email, /Мероприятие не согласовано: «Шахматный турнир центра»/);
    await noRawData(page);
  });

  it('the head of СОШ № 3 proposes the robot-launch master class: the form offers only the agreement in force with the partner on that date', async () => {
    const page = await stack.pageAs(head3.email, '/my-events');
    await page.getByRole('heading', { name: 'Мероприятия моего центра' }).waitFor();
    await page.getByRole('tab', { name: /На согласовании/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Предложить мероприятие' }).click();
    await page.getByRole('heading', { name: 'Предложить совместное мероприятие' }).waitFor();
    await page.getByLabel(/^Название/).fill(TITLE);
    await page.getByRole('textbox', { name: 'Направление' }).click();
    await page.getByRole('option', { name: 'Робототехника' }).click();
    await page.getByLabel(/^Дата/).fill(day);
    await page.getByLabel(/^Начало/).fill('10:00');
    await page.getByLabel(/^Окончание/).fill('11:00');

    // A partner without an agreement: said plainly, with the date.
    const partners = page.getByRole('textbox', { name: 'Партнёры' });
    await partners.click();
    await partners.fill('д/с № 9');
    await page.getByRole('option', { name: /д\/с № 9$/ }).click();
    await page.keyboard.press('Escape');
    await page
      .getByText(/^Нет действующего соглашения с МБДОУ ЦРР д\/с № 9 на \d+ [а-я]+ \d{4} г\.$/)
      .waitFor({ timeout: 15_000 })
      .catch(async (err) => {
        await screenshot(page, 'debug-proposal');
        throw new Error(`${err}\n${await visibleText(page)}`);
      });
    await partners.press('Backspace');
    await partners.fill('д/с № 5');
    await page.getByRole('option', { name: /д\/с № 5$/ }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('radio', { name: new RegExp(`№ ${NUMBER.replace(/[/]/g, '.')} `) }).check();
    expect(await page.getByText(/Нет действующего соглашения/).count()).toBe(0);

    // Rooms with their capacity and that day's bookings.
    await page.getByRole('radio', { name: 'Проектная комната с медиазоной, до 30 человек' }).check();
    await page.getByRole('checkbox', { name: 'Дошкольники' }).check();
    await page.getByLabel(/^Классы или возраст/).fill('5–6 лет');
    await page.getByLabel(/^Мест для детей/).fill('20');
    await page.getByLabel(/^Групп не больше/).fill('2');
    await page.getByText(/^Занятость на \d+ [а-я]+ \d{4} г\.$/).waitFor();
    expect(await page.getByLabel(/^ФИО/).inputValue()).toBe('Кутовая Е.И.'); // the host's head by default
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'proposal-form');
    await noRawData(page);

    await page.getByRole('button', { name: 'Отправить на согласование' }).click();
    await page.getByText('Мероприятие предложено').waitFor();
    eventId = (await page.getByRole('link', { name: 'Страница мероприятия' }).getAttribute('href'))!.split('/').pop()!;
    await stack.mailTo(coordinator.email, new RegExp(`Новое мероприятие на согласование: «${TITLE}»`));

    // Until approved, the proposal can be edited.
    await page.getByRole('link', { name: 'Изменить предложение' }).click();
    await page.getByRole('heading', { name: 'Изменить предложение' }).waitFor();
    await page.getByLabel(/^Описание/).fill('Дети собирают и запускают робота из конструктора.');
    await page.getByRole('button', { name: 'Сохранить изменения' }).click();
    await page.getByText('Изменения сохранены').waitFor();
  });

  it('the coordinator approves it from the inbox, with the agreement and the room beside it; the partner is invited', async () => {
    const page = await stack.pageAs(coordinator.email, '/inbox');
    const card = page.getByRole('article', { name: TITLE });
    await card.getByText(new RegExp(`№ ${NUMBER.replace(/[/]/g, '.')} `)).waitFor();
    await card.getByText('Проектная комната с медиазоной в этот день').waitFor();
    await card.getByText(/Партнёры: МБДОУ ЦРР д\/с № 5/).waitFor();
    await screenshot(page, 'inbox');
    await card.getByRole('button', { name: 'Согласовать…' }).click();
    await card.getByLabel(/Комментарий для организатора/).fill('Включено в план района.');
    await card.getByRole('button', { name: 'Согласовать и включить в план' }).click();
    await page.getByText(/включено в план района, организатор и партнёры получат письма/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await stack.mailTo(head3.email, new RegExp(`Мероприятие согласовано: «${TITLE}»`));
    const [invitation] = await stack.mailTo('ds5@shcherbinovsky.test', new RegExp(`Новое мероприятие для вас: «${TITLE}»`));
    expect(invitation!.parsed.attachments.some((a) => /calendar/.test(a.contentType))).toBe(true);
  });

  it('д/с № 5 registers a group; the host sees it with its contacts and the capacity gauge', async () => {
    const page = await stack.pageAs(ds5.email, `/events/${eventId}`);
    await page.getByRole('heading', { name: 'Записать группу' }).waitFor();
    await page.getByLabel(/^Название группы/).fill('Солнышко');
    await page.getByLabel(/^Число детей/).fill('12');
    await page.getByLabel(/^Возраст детей/).fill('5–6 лет');
    await page.getByLabel(/^ФИО сопровождающего/).fill('Иванова Мария Петровна');
    await page.getByLabel(/^Телефон/).fill('+7 918 000-00-01');
    await page.getByRole('button', { name: 'Записать' }).click();
    await page.getByText('Группа записана').waitFor();
    await stack.mailTo(ds5.email, new RegExp(`Группа «Солнышко» зарегистрирована: «${TITLE}»`));

    const host = await stack.pageAs(head3.email, `/my-events/${eventId}`);
    const registrations = host.getByRole('region', { name: 'Записанные группы' });
    await registrations.getByText('«Солнышко»').waitFor();
    await registrations.getByText('Иванова Мария Петровна, +7 918 000-00-01').waitFor();
    await registrations.getByText('Дети (подтверждено): 12 из 20').waitFor();
    await registrations.getByText('Группы (подтверждено): 1 из 2').waitFor();
    // Below the confirmed number the API refuses, and the page says why.
    await host.getByLabel(/^Мест для детей/).fill('10');
    await host.getByRole('button', { name: 'Изменить вместимость' }).click();
    await host.getByRole('alert').filter({ hasText: 'Вместимость не изменена' }).waitFor();
    expect(await seriousViolations(host)).toEqual([]);
    await noRawData(host);
    // The summary of who will be told comes before any change.
    await host.getByRole('button', { name: 'Перенести…' }).click();
    await host.getByRole('button', { name: 'Далее' }).click();
    await host.getByText('Уведомления получат: 2 организации, 1 группа.', { exact: false }).waitFor();
    await host.getByRole('button', { name: 'Не переносить' }).click();
  });

  it('after the event the head records attendance and the report on a phone; the event is held', async () => {
    // The network's clock moves past the end; so does the browser's.
    stack.clock.advance(eventEnd.getTime() + 30 * 60_000 - Date.now());
    const context = await stack.context({ phone: true });
    await context.clock.install({ time: stack.clock.now() });
    const page = await context.newPage();
    await logIn(page, head3.email, `/my-events/${eventId}`);
    const attendance = page.getByRole('region', { name: 'Посещаемость и отчёт' });
    await attendance.getByLabel('Сколько детей пришло из группы «Солнышко»').fill('11');
    await attendance.getByText('Итого пришло: 11 детей.').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await attendance.getByRole('button', { name: 'Сохранить посещаемость' }).click();
    await attendance.getByText(/Пришли 1 группа из 1, не пришли: 0; детей: 11 из 12 записанных/).waitFor();
    await attendance.getByLabel(/^Краткий отчёт/).fill('Дети собрали и запустили трёх роботов.');
    await attendance.getByRole('button', { name: 'Отметить проведённым' }).click();
    await page.getByText('Мероприятие проведено').waitFor();
    const api = await stack.apiAs(head3.email);
    expect((await api.get(`/api/events/${eventId}`)).body).toMatchObject({ status: 'held', report: { participants: 11 } });
    await noRawData(page);
  });

  it('the coordinator announces a festival and builds its programme in the timetable; anyone signed in opens the printable programme', async () => {
    const moscowDay = (ms: number) => new Date(ms).toLocaleDateString('en-CA', { timeZone: 'Europe/Moscow' });
    const now = stack.clock.now().getTime();
    const first = moscowDay(now + 5 * 86400_000);
    const last = moscowDay(now + 7 * 86400_000);
    const api = await stack.apiAs(coordinator.email);
    const proposed = await api.post('/api/events', {
      hostId: 'sosh-5',
      title: 'Открытие недели робототехники',
      kind: 'festival_opening',
      direction: 'robotics',
      venue: 'project-room',
      audience: ['pupils'],
      start: `${first}T07:00:00.000Z`,
      end: `${first}T08:30:00.000Z`,
    });
    expect(proposed.status).toBe(201);
    expect((await api.post(`/api/events/${proposed.body.event.id}/approve`, {})).status).toBe(200);

    const page = await stack.pageAs(coordinator.email, '/festivals');
    await page.getByRole('heading', { name: 'Объявить фестиваль' }).waitFor();
    await page.getByLabel(/^Название/).fill('Неделя робототехники');
    await page.getByLabel(/^Первый день/).fill(first);
    await page.getByLabel(/^Последний день/).fill(last);
    await page.getByRole('button', { name: 'Создать фестиваль' }).click();
    await page.getByRole('heading', { name: 'Неделя робототехники' }).waitFor();
    await page.getByText(/Дни без мероприятий: /).waitFor();
    await page.getByRole('textbox', { name: 'Мероприятие в дни фестиваля' }).click();
    await page.getByRole('option', { name: /Открытие недели робототехники/ }).click();
    await page.getByRole('button', { name: 'Добавить в программу' }).click();
    const timetable = page.getByRole('region', { name: 'Расписание по дням и площадкам' });
    await timetable.getByRole('link', { name: 'Открытие недели робототехники' }).waitFor();
    await timetable.getByRole('columnheader', { name: /МБОУ СОШ № 5/ }).waitFor();
    await timetable.getByText('нет мероприятий').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await noRawData(page);

    // The district's festival of 2023 as the methodist sees it.
    const festivals = (await api.get('/api/festivals')).body.items as { id: string; name: string }[];
    const trajectory = festivals.find((f) => f.name.includes('Траектория успеха'))!;
    await page.goto(`/festivals/${trajectory.id}`);
    await page.getByRole('region', { name: 'Расписание по дням и площадкам' }).getByRole('link').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'festival-timetable');

    const guest = await stack.pageAs(ds5.email, `/festivals/${trajectory.id}/programme`, { phone: true });
    await guest.getByRole('heading', { name: /^Программа фестиваля/ }).waitFor();
    await guest.getByRole('button', { name: 'Распечатать' }).waitFor();
    expect(await guest.getByRole('heading', { level: 2 }).count()).toBeGreaterThan(3);
    expect(await horizontalOverflow(guest)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(guest)).toEqual([]);
    expect(await guest.getByRole('heading', { name: 'Объявить фестиваль' }).count()).toBe(0);
  });

  it("the district plan of 2022–2023 by month, filtered, and the delivery log with the story's mails", async () => {
    const page = await stack.pageAs(coordinator.email, '/plan');
    await page.getByRole('textbox', { name: 'Учебный год' }).click();
    await page.getByRole('option', { name: '2022–2023' }).click();
    await page.getByRole('heading', { name: 'План сетевых мероприятий района на 2022–2023 учебный год' }).waitFor();
    await page.getByRole('heading', { name: /^Апрель 2023/ }).waitFor();
    const all = Number((await page.getByText(/^Мероприятий в плане: \d+/).textContent())!.match(/\d+/)![0]);
    expect(all).toBeGreaterThan(10);
    await page.getByRole('textbox', { name: 'Направление' }).click();
    await page.getByRole('option', { name: 'Шахматы и шашки' }).click();
    await page.waitForFunction((n) => !document.body.innerText.includes(`Мероприятий в плане: ${n}.`), all);
    expect(await seriousViolations(page)).toEqual([]);
    await noRawData(page);

    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Журнал рассылки' }).click();
    await page.getByRole('heading', { name: 'Журнал рассылки' }).waitFor();
    await page.getByLabel('Получатель (e-mail)').fill('ds5@shcherbinovsky.test');
    await page.getByText(new RegExp(`Новое мероприятие для вас: «${TITLE}»`)).waitFor();
    await page.getByText('Приглашение партнёру').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
