import { Api } from '@tochka/testing';
import { DEV_DEMO_PASSWORD } from '@tochka/district-data';
import { horizontalOverflow, noRawData, screenshot, seriousViolations, startWebStack, user, WebStack } from './harness';

/**
 * The coordinator's and the heads' flows beside the district's story (district-work.spec.ts):
 * accounts switched off and given another role; an agreement withdrawn, one loaded as signed on
 * paper and then terminated with a reason, one renewed; the host cancelling a group's
 * registration; an event actually moved and then cancelled from «Мероприятия моего центра», with
 * who will be told shown before confirming. axe on every page.
 */
jest.setTimeout(180_000);

describe('web app: accounts, agreements and the host’s changes', () => {
  let stack: WebStack;
  const coordinator = user('coordinator');
  const head3 = user('centre_head', 'sosh-3');
  const ds5 = user('kindergarten', 'ds-5');
  let coordinatorApi: Api;
  let agreementId = '';
  const moscowDay = (ms: number) => new Date(ms).toLocaleDateString('en-CA', { timeZone: 'Europe/Moscow' });
  const today = moscowDay(Date.now());
  const literal = (s: string) => s.replace(/[/.*+?^${}()|[\]\\]/g, '\\$&');

  /** An approved master class of СОШ № 3 for д/с № 5 in `days` days, with a group of д/с № 5 registered. */
  const eventWithGroup = async (title: string, days: number, group: string, contactEmail: string) => {
    const head = await stack.apiAs(head3.email);
    const day = moscowDay(Date.now() + days * 86400_000);
    const proposed = await head.post('/api/events', {
      hostId: 'sosh-3',
      title,
      kind: 'master_class',
      direction: 'robotics',
      venue: 'project-room',
      audience: ['preschoolers'],
      grades: '5–6 лет',
      start: `${day}T07:00:00.000Z`,
      end: `${day}T08:00:00.000Z`,
      partners: ['ds-5'],
      agreementId,
      capacity: { seats: 20, groups: 3 },
    });
    expect(proposed.status).toBe(201);
    const id = proposed.body.event.id as string;
    expect((await coordinatorApi.post(`/api/events/${id}/approve`, {})).status).toBe(200);
    const kindergarten = await stack.apiAs(ds5.email);
    // The registrations service learns of the approval from the calendar's event.
    let registered = await kindergarten.post(`/api/events/${id}/registrations`, {
      groupName: group,
      children: 8,
      adults: [{ name: 'Шевчук Ольга Николаевна', phone: '+7 918 000-00-05' }],
      contactEmail,
    });
    for (let i = 0; registered.status !== 201 && i < 40; i++) {
      await new Promise((r) => setTimeout(r, 250));
      registered = await kindergarten.post(`/api/events/${id}/registrations`, {
        groupName: group,
        children: 8,
        adults: [{ name: 'Шевчук Ольга Николаевна', phone: '+7 918 000-00-05' }],
        contactEmail,
      });
    }
    expect(registered.status).toBe(201);
    return { id, registrationId: registered.body.id as string };
  };

  beforeAll(async () => {
    stack = await startWebStack();
    coordinatorApi = await stack.apiAs(coordinator.email);
    // An agreement of СОШ № 3 and д/с № 5 in force from today (the seeded ones are of 2022–2023).
    const loaded = await coordinatorApi.post('/api/agreements/import', {
      agreement: {
        number: `СВ-АДМ/${Date.now() % 100000}`,
        title: 'Соглашение о сетевой форме: робототехника для дошкольников',
        parties: [
          { organizationId: 'sosh-3', responsible: { name: 'Кутовая Е.И.' } },
          { organizationId: 'ds-5', responsible: { name: 'Савченко Л.А.' } },
        ],
        directions: ['robotics'],
        validFrom: today,
        validTo: moscowDay(Date.now() + 200 * 86400_000),
      },
      signedOn: { 'sosh-3': today, 'ds-5': today },
    });
    expect(loaded.status).toBe(201);
    agreementId = loaded.body.id;
  }, 480_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('the coordinator switches an account off after confirming: its owner can no longer sign in; switched on, they can', async () => {
    const teacher = user('staff', 'ds-9');
    const page = await stack.pageAs(coordinator.email, '/users');
    await page.getByRole('heading', { name: 'Учётные записи' }).waitFor();
    const own = page.getByRole('row', { name: new RegExp(literal(coordinator.email)) });
    await own.getByText('это вы').waitFor();
    expect(await own.getByRole('button').count()).toBe(0); // nothing the API would refuse
    expect(await seriousViolations(page)).toEqual([]);

    const row = page.getByRole('row', { name: new RegExp(literal(teacher.email)) });
    await row.getByRole('button', { name: `Отключить: ${teacher.name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Отключить учётную запись?' });
    await dialog.getByText(/не сможет войти, уже открытые сеансы и его подписки на календарь перестанут действовать сразу/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-deactivate');
    await dialog.getByRole('button', { name: 'Да, отключить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('отключена').waitFor();
    await row.getByRole('button', { name: `Включить: ${teacher.name}` }).waitFor();
    await noRawData(page);

    // Its owner tries to sign in.
    const context = await stack.context();
    const login = await context.newPage();
    await login.goto('/');
    await login.getByLabel('Электронная почта').fill(teacher.email);
    await login.getByLabel(/^Пароль/).fill(DEV_DEMO_PASSWORD);
    await login.getByRole('button', { name: 'Войти' }).click();
    await login.getByText('Неверный e-mail или пароль').waitFor();
    expect(await login.getByRole('navigation', { name: 'Разделы' }).count()).toBe(0);
    expect(await seriousViolations(login)).toEqual([]);
    expect((await new Api(stack.url).post('/api/auth/login', { email: teacher.email, password: DEV_DEMO_PASSWORD })).status).toBe(401);

    await row.getByRole('button', { name: `Включить: ${teacher.name}` }).click();
    await page.getByRole('dialog', { name: 'Включить учётную запись?' }).getByRole('button', { name: 'Да, включить' }).click();
    await row.getByRole('button', { name: `Отключить: ${teacher.name}` }).waitFor();
    expect((await new Api(stack.url).post('/api/auth/login', { email: teacher.email, password: DEV_DEMO_PASSWORD })).status).toBe(200);
  });

  it('the coordinator changes a teacher’s role, offered only the roles the organisation allows', async () => {
    const teacher = user('staff', 'sosh-3');
    const page = await stack.pageAs(coordinator.email, '/users');
    const row = page.getByRole('row', { name: new RegExp(literal(teacher.email)) });
    await row.getByRole('button', { name: `Изменить роль: ${teacher.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Изменить роль: ${teacher.name}` });
    await dialog.getByText(/Сейчас: Педагог, МБОУ СОШ № 3/).waitFor();
    await dialog.getByRole('textbox', { name: 'Новая роль' }).click();
    const options = await page.getByRole('option').allTextContents();
    await screenshot(page, 'users-role');
    // A centre of «Точка роста» has heads and teachers, not kindergartens' accounts or coordinators.
    expect(options).toEqual(['Руководитель центра «Точка роста»']);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('option', { name: 'Руководитель центра «Точка роста»' }).click();
    await dialog.getByRole('button', { name: 'Изменить роль' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('Руководитель центра «Точка роста»').waitFor();
    const users = (await coordinatorApi.get('/api/users?limit=200')).body.items as { email: string; role: string; version: number }[];
    expect(users.find((u) => u.email === teacher.email)).toMatchObject({ role: 'centre_head', version: 2 });
    const relogged = await stack.apiAs(teacher.email);
    expect((await relogged.get('/api/me')).body.role).toBe('centre_head');

    // On a phone: one card per account with its actions in reach, no sideways scrolling.
    const phone = await stack.pageAs(coordinator.email, '/users', { phone: true });
    const card = phone.getByRole('listitem').filter({ hasText: teacher.email });
    await card.getByRole('button', { name: `Отключить: ${teacher.name}` }).waitFor();
    expect(await phone.getByRole('row').count()).toBe(0);
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'users-phone');
    expect(await seriousViolations(phone)).toEqual([]);
  });

  it('an agreement signed on paper is loaded with the parties’ dates, then terminated with a reason', async () => {
    const number = `СВ-БУМ/${Date.now() % 100000}`;
    const page = await stack.pageAs(coordinator.email, '/agreements');
    await page.getByRole('link', { name: 'Загрузить подписанное на бумаге' }).click();
    await page.getByRole('heading', { name: 'Соглашение, подписанное на бумаге' }).waitFor();
    await page.getByLabel('Номер').fill(number);
    await page.getByLabel('Название').fill('Соглашение о сетевом взаимодействии: шахматы');
    await page.getByLabel('Действует с').fill(today);
    await page.getByLabel('Действует по').fill(moscowDay(Date.now() + 120 * 86400_000));
    const directions = page.getByRole('textbox', { name: 'Направления сотрудничества' });
    await directions.click();
    await directions.fill('Шахмат');
    await page.getByRole('option', { name: 'Шахматы и шашки' }).click();
    await page.keyboard.press('Escape');
    const parties = page.getByRole('textbox', { name: 'Стороны соглашения' });
    for (const [typed, option] of [
      ['СОШ № 9', /^МБОУ СОШ № 9/],
      ['д/с № 9', /д\/с № 9$/],
    ] as const) {
      await parties.click();
      await parties.fill(typed);
      await page.getByRole('option', { name: option }).click();
      await page.keyboard.press('Escape');
    }
    const dates = page.getByLabel('Дата подписи');
    await dates.first().waitFor();
    for (let i = 0; i < 2; i++) await dates.nth(i).fill(today);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Загрузить соглашение' }).click();
    await page.getByRole('heading', { name: `Соглашение № ${number}` }).waitFor();
    await page.getByText('Действует', { exact: true }).waitFor();
    await page.getByText('Журнал подписей').waitFor();
    await noRawData(page);

    await page.getByRole('button', { name: 'Расторгнуть' }).click();
    const submit = page.getByRole('button', { name: 'Расторгнуть соглашение' });
    expect(await submit.isDisabled()).toBe(true); // a termination needs its reason
    await page.getByLabel(/^Причина расторжения/).fill('Центр закрыт на ремонт до конца года');
    expect(await seriousViolations(page)).toEqual([]);
    await submit.click();
    await page.getByText('Соглашение расторгнуто. Мероприятия по нему отмечены «под угрозой».').waitFor();
    await page.getByText('Центр закрыт на ремонт до конца года').first().waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    expect((await coordinatorApi.get(`/api/agreements/${id}`)).body).toMatchObject({
      status: 'terminated',
      terminationReason: 'Центр закрыт на ремонт до конца года',
    });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a draft is withdrawn; an agreement of 2022–2023 is renewed as a draft for a later year', async () => {
    const draft = await coordinatorApi.post('/api/agreements', {
      number: `СВ-ОТЗ/${Date.now() % 100000}`,
      title: 'Проект, который не понадобился',
      parties: [
        { organizationId: 'sosh-5', responsible: { name: 'Тымченко О.Ю.' } },
        { organizationId: 'ds-9', responsible: { name: 'Мельниченко Т.В.' } },
      ],
      directions: ['chess'],
      validFrom: today,
      validTo: moscowDay(Date.now() + 90 * 86400_000),
    });
    expect(draft.status).toBe(201);
    const page = await stack.pageAs(coordinator.email, `/agreements/${draft.body.id}`);
    await page.getByRole('button', { name: 'Отозвать' }).click();
    await page.getByLabel(/^Причина отзыва/).fill('Стороны договорились о другом соглашении');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Отозвать соглашение' }).click();
    await page.getByText('Соглашение отозвано.').waitFor();
    await page.getByText('Отозвано', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Отозвать' }).count()).toBe(0);
    expect((await coordinatorApi.get(`/api/agreements/${draft.body.id}`)).body.status).toBe('withdrawn');

    // One of the district's agreements of 2022–2023 (expired by now, or about to be marked so).
    const all = (await coordinatorApi.get('/api/agreements?limit=100')).body.items as { id: string; number: string; status: string; validTo: string }[];
    const old = all.find((a) => a.validTo <= '2023-08-31' && (a.status === 'expired' || a.status === 'active'))!;
    await page.goto(`/agreements/${old.id}`);
    await page.getByRole('heading', { name: `Соглашение № ${old.number}` }).waitFor();
    await page.getByRole('button', { name: 'Продлить на следующий учебный год' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(old.id));
    await page.getByText('Черновик', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Направить на подпись' }).waitFor();
    const renewed = (await coordinatorApi.get(`/api/agreements/${new URL(page.url()).pathname.split('/').pop()}`)).body;
    expect(renewed).toMatchObject({ status: 'draft' });
    expect(renewed.validFrom > '2023-08-31').toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await noRawData(page);
  });

  it('the host cancels a group’s registration with a reason; the group’s contact is told', async () => {
    const title = 'Мастер-класс «Робот-помощник»';
    const { id, registrationId } = await eventWithGroup(title, 9, 'Ромашка', 'romashka@ds5.test');
    const page = await stack.pageAs(head3.email, `/my-events/${id}`);
    const registrations = page.getByRole('region', { name: 'Записанные группы' });
    await registrations.getByText('«Ромашка»').waitFor();
    await registrations.getByRole('button', { name: 'Отменить запись группы «Ромашка»' }).click();
    await page.getByLabel(/^Причина отмены записи/).fill('Группа объединена с другой');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Отменить запись', exact: true }).click();
    await registrations.getByText('Дети (подтверждено): 0 из 20').waitFor();
    expect(await registrations.getByRole('button', { name: 'Отменить запись группы «Ромашка»' }).count()).toBe(0);
    expect((await (await stack.apiAs(ds5.email)).get(`/api/registrations/${registrationId}`)).body.status).toBe('cancelled');
    await stack.mailTo('romashka@ds5.test', new RegExp(`Регистрация группы «Ромашка» отменена: «${literal(title)}»`));
    await noRawData(page);
  });

  it('from «Мероприятия моего центра» the head moves an event and then cancels it, told first who will be notified', async () => {
    const title = 'Мастер-класс «Умный светофор»';
    const { id } = await eventWithGroup(title, 10, 'Капелька', 'kapelka@ds5.test');
    const page = await stack.pageAs(head3.email, '/my-events?status=approved');
    await page.getByRole('link', { name: title }).click();
    await page.waitForURL(`**/my-events/${id}`);
    await page.getByRole('heading', { name: 'Перенести или отменить' }).waitFor();

    const newDay = moscowDay(Date.now() + 12 * 86400_000);
    await page.getByRole('button', { name: 'Перенести…' }).click();
    await page.getByLabel(/^Новая дата/).fill(newDay);
    await page.getByLabel(/^Начало \(МСК\)/).fill('11:00');
    await page.getByLabel(/^Окончание \(МСК\)/).fill('12:00');
    await page.getByRole('button', { name: 'Далее' }).click();
    const check = page.getByRole('alert').filter({ hasText: 'Проверьте перед переносом' });
    await check.getByText(/Уведомления получат: 2 организации, 1 группа\./).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reschedule-summary');
    await page.getByRole('button', { name: 'Перенести и уведомить' }).click();
    await page.getByText(/Мероприятие перенесено на .+\. Уведомления получат: 2 организации, 1 группа\./).waitFor();
    const moved = (await coordinatorApi.get(`/api/events/${id}`)).body;
    expect(moved.start).toBe(new Date(`${newDay}T11:00:00+03:00`).toISOString());
    await stack.mailTo('kapelka@ds5.test', new RegExp(`Мероприятие перенесено: «${literal(title)}»`));

    await page.getByRole('button', { name: 'Отменить мероприятие…' }).click();
    await page.getByLabel(/^Причина отмены/).fill('Карантин в детском саду');
    await page.getByRole('button', { name: 'Далее' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Проверьте перед отменой' })
      .getByText(/Все записи групп будут отменены с этой причиной\. Уведомления получат: 2 организации, 1 группа\./)
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Отменить и уведомить' }).click();
    await page.getByText('Мероприятие отменено. Уведомления получат: 2 организации, 1 группа.').waitFor();
    expect((await coordinatorApi.get(`/api/events/${id}`)).body).toMatchObject({ status: 'cancelled', cancellationReason: 'Карантин в детском саду' });
    await stack.mailTo('kapelka@ds5.test', new RegExp(`Мероприятие отменено: «${literal(title)}»`));
    await page.goto('/my-events?status=cancelled');
    await page.getByText('Причина отмены: Карантин в детском саду').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await noRawData(page);
  });
});
