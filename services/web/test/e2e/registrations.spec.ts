import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import type { Api } from '@tochka/testing';
import { horizontalOverflow, ISO_TIMESTAMP, logIn, screenshot, seriousViolations, startWebStack, user, visibleText, WebStack } from './harness';

const TITLE = 'Мастер-класс «Роботы для малышей»';
const DAY = 24 * 3600_000;

/** A Moscow calendar date, YYYY-MM-DD. */
const moscowDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(d);

/**
 * Groups registered in the browser: confirmed, waitlisted, promoted after a cancellation; a double
 * click; an expired session in the middle of a form; a phone; calendar subscriptions. A future
 * master class at СОШ № 3 for д/с № 5 and № 9 (20 seats) is set up through the API first.
 */
describe('web app: registrations, subscriptions, settings', () => {
  let stack: WebStack;
  let eventId: string;
  let eventDate: string;
  const ds5 = user('kindergarten', 'ds-5');
  const ds9 = user('kindergarten', 'ds-9');
  const staff3 = user('staff', 'sosh-3');
  const staff9 = user('staff', 'ds-9');
  const contexts: BrowserContext[] = [];

  async function pageAs(email: string, opts: { phone?: boolean; path?: string } = {}): Promise<Page> {
    const context = await stack.context({ phone: opts.phone });
    contexts.push(context);
    const page = await context.newPage();
    await logIn(page, email, opts.path ?? '/');
    return page;
  }

  async function openEventFromCalendar(page: Page) {
    await page.goto(`/calendar?view=list&date=${eventDate}`);
    await page.locator('.fc-event', { hasText: TITLE }).first().click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
  }

  async function fillGroup(page: Page, group: { name: string; children: number }) {
    await page.getByLabel(/^Название группы/).fill(group.name);
    await page.getByLabel(/^Число детей/).fill(String(group.children));
    await page.getByLabel(/^Возраст детей/).fill('5–6 лет');
    await page.getByLabel(/^ФИО сопровождающего/).fill('Иванова Мария Петровна');
    await page.getByLabel(/^Телефон/).fill('+7 918 000-00-01');
  }

  beforeAll(async () => {
    stack = await startWebStack();
    const coordinator = await stack.apiAs(user('coordinator').email);
    const today = moscowDay(new Date());
    const agreement = await coordinator.post('/api/agreements/import', {
      agreement: {
        number: 'СВ-ВЕБ/1',
        title: 'О совместных мастер-классах для дошкольников',
        parties: ['sosh-3', 'ds-5', 'ds-9'].map((organizationId) => ({ organizationId, responsible: { name: `Ответственный ${organizationId}` } })),
        directions: ['robotics'],
        validFrom: today,
        validTo: moscowDay(new Date(Date.now() + 300 * DAY)),
      },
      signedOn: { 'sosh-3': today, 'ds-5': today, 'ds-9': today },
    });
    expect(agreement.status).toBe(201);
    eventDate = moscowDay(new Date(Date.now() + 14 * DAY));
    const created = await coordinator.post('/api/events', {
      hostId: 'sosh-3',
      title: TITLE,
      description: 'Дошкольники собирают и запускают робота.',
      kind: 'master_class',
      direction: 'robotics',
      venue: 'informatics',
      audience: ['preschoolers'],
      partners: ['ds-5', 'ds-9'],
      agreementId: agreement.body.id,
      capacity: { seats: 20 },
      start: `${eventDate}T10:00:00+03:00`,
      end: `${eventDate}T11:00:00+03:00`,
    });
    expect(created.status).toBe(201);
    eventId = created.body.event.id;
    expect((await coordinator.post(`/api/events/${eventId}/approve`, {})).status).toBe(200);
    // Registrations learns of the approval from the calendar's event.
    for (let i = 0; ; i++) {
      const r = await coordinator.get(`/api/events/${eventId}/registrations`);
      if (r.status === 200 && r.body.availability.open) break;
      if (i > 100) throw new Error(`registrations never opened: ${r.status} ${r.text}`);
      await new Promise((res) => setTimeout(res, 200));
    }
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await stack?.close();
  });

  const registrationsOf = async (api: Api, groupName: string) =>
    ((await api.get('/api/registrations?limit=200')).body.items as { groupName: string; status: string; waitlistPosition?: number }[]).filter(
      (r) => r.groupName === groupName,
    );

  it('a kindergarten head finds the master class in the calendar and registers a group: confirmed', async () => {
    const page = await pageAs(ds5.email);
    await openEventFromCalendar(page);
    await page.getByText('10:00–11:00').first().waitFor();
    await page.getByText('Свободно: 20 мест').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await fillGroup(page, { name: 'Солнышко', children: 12 });
    await screenshot(page, 'event-registration', { fullPage: true });
    await page.getByRole('button', { name: 'Записать', exact: true }).click();
    await page.getByText('Группа «Солнышко» (12 детей) записана. Запись подтверждена.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const text = await visibleText(page);
    expect(text).not.toMatch(ISO_TIMESTAMP);
    expect(text).not.toContain(eventId);

    // The .ics of the event, downloaded from its page.
    await page.getByRole('link', { name: 'Мои записи' }).waitFor();
    await page.reload();
    await page.getByText('Группы вашей организации').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать в календарь (.ics)' }).click()]);
    const ics = readFileSync((await download.path())!, 'utf8');
    expect(ics).toContain(`UID:${eventId}@tochka-rosta`);
    expect(ics).toMatch(/DTSTART;TZID=Europe\/Moscow:\d{8}T100000/);
  });

  it('a second kindergarten registers a group that no longer fits: waitlisted with its position', async () => {
    const page = await pageAs(ds9.email);
    await openEventFromCalendar(page);
    await page.getByText('Свободно: 8 мест').waitFor();
    await fillGroup(page, { name: 'Радуга', children: 10 });
    await page.getByRole('button', { name: 'Записать', exact: true }).click();
    await page.getByText(/Группа «Радуга» \(10 детей\) в листе ожидания: мест сейчас нет, номер в очереди — 1\./).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the first cancels (with a confirmation); after a refresh the second shows confirmed', async () => {
    const page = await pageAs(ds5.email, { path: '/registrations' });
    await page.getByRole('heading', { name: 'Записи моей организации' }).waitFor();
    await page.getByText('Подтверждена').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Отменить запись «Солнышко»' }).click();
    const dialog = page.getByRole('dialog', { name: 'Отменить запись?' });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Да, отменить запись' }).click();
    await page.getByRole('heading', { name: 'Отменённые записи' }).waitFor();

    const second = await pageAs(ds9.email, { path: '/registrations' });
    await second.getByText('В листе ожидания, место в очереди: 1').or(second.getByText('Подтверждена')).first().waitFor();
    for (let i = 0; !(await second.getByText('Подтверждена').count()); i++) {
      if (i > 20) throw new Error('the waitlisted group was not promoted');
      await second.waitForTimeout(300);
      await second.reload();
      await second.getByRole('heading', { name: 'Записи моей организации' }).waitFor();
    }
    expect(await registrationsOf(await stack.apiAs(ds9.email), 'Радуга')).toEqual([expect.objectContaining({ status: 'confirmed' })]);
  });

  it('a double-clicked «Записать» creates one registration (one Idempotency-Key)', async () => {
    const page = await pageAs(ds9.email, { path: `/events/${eventId}` });
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    const keys: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/api/events/${eventId}/registrations`)) keys.push(r.headers()['idempotency-key']);
    });
    await fillGroup(page, { name: 'Ромашка', children: 2 });
    await page.getByRole('button', { name: 'Записать', exact: true }).dblclick();
    await page.getByText('Группа «Ромашка» (2 ребёнка) записана. Запись подтверждена.').waitFor();
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(await registrationsOf(await stack.apiAs(ds9.email), 'Ромашка')).toHaveLength(1);
  });

  it('an expired session in a half-filled form: log in again in a dialog, nothing typed is lost, the registration goes through', async () => {
    const page = await pageAs(ds5.email, { path: `/events/${eventId}` });
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await fillGroup(page, { name: 'Колокольчик', children: 3 });
    await page.getByLabel(/^Примечание/).fill('Двое детей впервые на мастер-классе');
    stack.clock.advance(16 * 60_000); // the 15-minute token has expired
    await page.getByRole('button', { name: 'Записать', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Войдите снова' });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await dialog.getByLabel(/^Электронная почта/).inputValue()).toBe(ds5.email);
    await dialog.getByLabel(/^Пароль/).fill('tochka-demo-2022');
    await dialog.getByRole('button', { name: 'Войти и продолжить' }).click();
    await page.getByText('Группа «Колокольчик» (3 ребёнка) записана. Запись подтверждена.').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/events/${eventId}`);
    const [r] = (await (await stack.apiAs(ds5.email)).get('/api/registrations?limit=200')).body.items.filter(
      (x: { groupName: string }) => x.groupName === 'Колокольчик',
    );
    expect(r).toMatchObject({ children: 3, ageBand: '5–6 лет', notes: 'Двое детей впервые на мастер-классе' });
  });

  it('on a 375-px phone a staff member registers a group, without horizontal scrolling', async () => {
    const page = await pageAs(staff9.email, { phone: true });
    await page.getByRole('button', { name: 'Открыть меню' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await page.goto(`/calendar?date=${eventDate}`);
    await page.locator('.fc-list-event', { hasText: TITLE }).first().waitFor(); // phones start in the list view
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('.fc-event', { hasText: TITLE }).first().click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await fillGroup(page, { name: 'Звёздочка', children: 1 });
    await page.getByRole('button', { name: 'Записать', exact: true }).scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-registration');
    await page.getByRole('button', { name: 'Записать', exact: true }).click();
    await page.getByText('Группа «Звёздочка» (1 ребёнок) записана. Запись подтверждена.').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Открыть меню' }).click();
    await page.getByRole('link', { name: 'Записи моей организации' }).click();
    await page.getByText('Звёздочка', { exact: false }).first().waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'phone-registrations');
  });

  it('a kindergarten changes its group: growing past the free places is refused with the reason, a smaller change and new contacts are saved', async () => {
    // Confirmed so far: Радуга 10, Ромашка 2, Колокольчик 3, Звёздочка 1 — 16 of 20 places.
    const page = await pageAs(ds9.email, { path: '/registrations' });
    await page.getByRole('heading', { name: 'Записи моей организации' }).waitFor();
    await page.getByRole('button', { name: 'Изменить запись «Ромашка»' }).click();
    const dialog = page.getByRole('dialog', { name: 'Изменить запись «Ромашка»' });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByLabel(/^Число детей/).fill('9');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.getByText('Свободных мест: 4. Увеличить группу на 7 нельзя.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByLabel(/^Число детей/).fill('4');
    await dialog.getByLabel(/^Телефон/).fill('+7 918 000-00-99');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Группа «Ромашка», 4 ребёнка').waitFor();
    const [r] = (await (await stack.apiAs(ds9.email)).get('/api/registrations?limit=200')).body.items.filter(
      (x: { groupName: string }) => x.groupName === 'Ромашка',
    );
    expect(r).toMatchObject({ status: 'confirmed', children: 4, adults: [expect.objectContaining({ phone: '+7 918 000-00-99' })] });
  });

  it('a staff member subscribes to a feed: the URL shown returns the event as iCal; revoked, it answers 404', async () => {
    const page = await pageAs(staff3.email, { path: '/subscriptions' });
    await page.getByRole('heading', { name: 'Подписки на календарь' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('radio', { name: /^Мероприятия организации/ }).check();
    await page.getByRole('button', { name: 'Создать подписку' }).click();
    const url = await page.getByLabel('Адрес календаря').inputValue();
    expect(url).toMatch(/\/ical\/[A-Za-z0-9_-]+\.ics$/);
    expect(await page.getByRole('link', { name: 'Добавить в календарь' }).getAttribute('href')).toMatch(/^webcal:\/\//);
    await page.getByRole('img', { name: 'QR-код адреса календаря для телефона' }).waitFor();
    await page.getByText('Добавить по URL', { exact: false }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // The URL uses PUBLIC_URL; the feed is the gateway's.
    const feed = await fetch(stack.url + new URL(url).pathname);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/text\/calendar/);
    const ics = await feed.text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(`UID:${eventId}@tochka-rosta`);

    await page.getByRole('button', { name: 'Готово' }).click();
    await page.getByRole('button', { name: /^Отозвать подписку/ }).click();
    await page.getByRole('dialog', { name: 'Отозвать подписку?' }).getByRole('button', { name: 'Да, отозвать' }).click();
    await page.getByText('Подписок пока нет.').waitFor();
    expect((await fetch(stack.url + new URL(url).pathname)).status).toBe(404);
  });

  it('notification settings: categories switch on and off; the mandatory ones are disabled with the reason', async () => {
    const page = await pageAs(ds5.email, { path: '/settings/notifications' });
    await page.getByRole('heading', { name: 'Уведомления на почту' }).waitFor();
    const reminders = page.getByRole('switch', { name: 'Напоминания о мероприятиях' });
    await reminders.waitFor();
    expect(await reminders.isChecked()).toBe(true);
    await reminders.click({ force: true });
    await page.getByText('Настройки уведомлений обновлены.').waitFor();
    expect((await (await stack.apiAs(ds5.email)).get('/api/me/notification-preferences')).body.preferences.reminders).toBe(false);
    expect(await page.getByRole('switch', { name: 'Результаты регистрации групп' }).isDisabled()).toBe(true);
    await page.getByText('Нельзя отключить', { exact: false }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Профиль' }).click();
    await page.getByRole('heading', { name: 'Профиль' }).waitFor();
    await page.getByText('Дошкольная образовательная организация').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Выйти из системы' }).click();
    await page.waitForURL(/\/login/);
  });

  it('the menu offers only what the role may do', async () => {
    const coordinator = await pageAs(user('coordinator').email);
    const coordinatorMenu = await coordinator.getByRole('navigation', { name: 'Разделы' }).getByRole('link').allTextContents();
    const kindergarten = await pageAs(ds5.email);
    const kindergartenMenu = await kindergarten.getByRole('navigation', { name: 'Разделы' }).getByRole('link').allTextContents();
    // Registering groups is for kindergartens, centres and staff; the coordinator's inbox is the coordinator's.
    expect(kindergartenMenu).toEqual(
      expect.arrayContaining(['Календарь мероприятий', 'Записи моей организации', 'Подписки на календарь', 'Уведомления', 'Профиль']),
    );
    expect(kindergartenMenu.some((l) => l.startsWith('Входящие'))).toBe(false);
    expect(coordinatorMenu).toEqual(expect.arrayContaining(['Календарь мероприятий', 'Подписки на календарь', 'Уведомления', 'Профиль']));
    expect(coordinatorMenu).not.toContain('Записи моей организации');
    // A coordinator is not offered a registration form.
    await coordinator.goto(`/events/${eventId}`);
    await coordinator.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await coordinator.getByText('Свободно:', { exact: false }).waitFor();
    expect(await coordinator.getByRole('button', { name: 'Записать', exact: true }).count()).toBe(0);
  });
});
