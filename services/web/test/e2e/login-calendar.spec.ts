import type { BrowserContext, Page } from 'playwright-core';
import { horizontalOverflow, ISO_TIMESTAMP, screenshot, seriousViolations, startWebStack, user, visibleText, WebStack } from './harness';

/**
 * Logging in and the calendar, in Chromium against the whole network with the district seeded;
 * the browser runs in New York time, the pages must show Moscow time.
 */
describe('web app: login and calendar', () => {
  let stack: WebStack;
  let context: BrowserContext;
  let page: Page;
  const head = user('kindergarten', 'ds-5');

  beforeAll(async () => {
    stack = await startWebStack();
    context = await stack.context();
    page = await context.newPage();
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await stack?.close();
  });

  it('serves the app at / with its caching and security headers, and leaves /api and /health alone', async () => {
    const index = await fetch(`${stack.url}/calendar?view=month`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(index.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    const html = await index.text();
    const asset = html.match(/\/assets\/[^"]+\.js/)![0];
    const js = await fetch(stack.url + asset);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${stack.url}/assets/gone-0000.js`)).status).toBe(404);
    const api = await fetch(`${stack.url}/api/nothing-here`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await fetch(`${stack.url}/api/me`)).status).toBe(401);
    expect((await fetch(`${stack.url}/health`)).headers.get('content-type')).toMatch(/json/);
  });

  it('a wrong password and an unknown e-mail get the same Russian message; the login page is accessible', async () => {
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await page.getByRole('button', { name: 'Войти' }).waitFor();
    expect(await page.title()).toBe('Вход — Сеть «Точка роста»');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'login');

    const tryLogin = async (email: string, password: string) => {
      await page.getByLabel('Электронная почта').fill(email);
      await page.getByLabel(/^Пароль/).fill(password);
      await page.getByRole('button', { name: 'Войти' }).click();
      return (await page.getByRole('alert').textContent())!;
    };
    const wrong = await tryLogin(head.email, 'не тот пароль');
    await page.reload();
    const unknown = await tryLogin('nobody@nowhere.test', 'не тот пароль');
    expect(wrong).toContain('Неверный e-mail или пароль');
    expect(unknown).toBe(wrong);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('after five wrong passwords the login page says when to try again, in Moscow time', async () => {
    const other = user('kindergarten', 'ds-9'); // not the account the other tests log in with
    await page.goto('/login');
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('Электронная почта').fill(other.email);
      await page.getByLabel(/^Пароль/).fill(`не тот пароль ${i}`);
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.getByRole('alert').filter({ hasText: 'Неверный e-mail или пароль' }).waitFor();
      await page.reload();
    }
    await page.getByLabel('Электронная почта').fill(other.email);
    await page.getByLabel(/^Пароль/).fill('tochka-demo-2022');
    await page.getByRole('button', { name: 'Войти' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Слишком много неудачных попыток входа' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Попробуйте снова через \d+ (минут[уы]?|секунд[уы]?) — после \d{2}:\d{2} по московскому времени\./);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a kindergarten head logs in, sees the April 2023 festival in Moscow time with colours, a legend and the filter one click away', async () => {
    // By keyboard alone, with a visible focus.
    await page.goto('/calendar?view=month&date=2023-04-01');
    await page.getByRole('button', { name: 'Войти' }).waitFor();
    await page.keyboard.press('Tab');
    // Mantine marks a focused field by its border in the primary green (#0b6e4f, 6:1 on white).
    // (after its colour transition).
    const focus = async () => {
      await page
        .waitForFunction(() => getComputedStyle(document.activeElement!).borderTopColor === 'rgb(11, 110, 79)', undefined, { timeout: 5000 })
        .catch(() => undefined);
      return page.evaluate(() => ({ label: document.activeElement?.getAttribute('type'), border: getComputedStyle(document.activeElement!).borderTopColor }));
    };
    expect(await focus()).toEqual({ label: 'email', border: 'rgb(11, 110, 79)' });
    await page.keyboard.type(head.email);
    await page.keyboard.press('Tab');
    // The password's border is on its wrapper (with the show-password button).
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
    await page.keyboard.type('tochka-demo-2022');
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Разделы' }).waitFor();
    await page.getByRole('heading', { name: 'Календарь мероприятий' }).waitFor();
    await page.getByText('Время везде московское (МСК)').waitFor();
    await page.getByText(/В календаре \d+ мероприяти/).waitFor();
    expect(await page.locator('.fc-toolbar-title').textContent()).toMatch(/апрель 2023/i);

    // The festival: one click.
    await page.getByRole('button', { name: 'Фестиваль «Траектория успеха»' }).click();
    await page.getByRole('button', { name: 'Показать все мероприятия' }).waitFor();
    const festivalEvents = stack.apiAs(head.email).then(async (api) => {
      const festival = (await api.get('/api/festivals')).body.items.find((f: { name: string }) => f.name.includes('Траектория успеха'));
      return (await api.get(`/api/events?festival=${festival.id}&limit=200`)).body.items as { title: string; start: string }[];
    });
    const expected = await festivalEvents;
    expect(expected.length).toBeGreaterThan(0);
    await page.getByText(`В календаре ${expected.length} `).waitFor();
    await page.getByRole('heading', { name: 'Направления' }).waitFor();

    // The list view shows each event's Moscow start time, though the browser is in New York.
    await page.getByRole('button', { name: 'Список' }).click();
    const first = [...expected].sort((a, b) => a.start.localeCompare(b.start))[0];
    const moscow = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
      new Date(first.start),
    );
    const row = page.locator('.fc-list-event', { hasText: first.title }).first();
    await row.waitFor();
    expect(await row.locator('.fc-list-event-time').textContent()).toContain(moscow);

    const text = await visibleText(page);
    expect(text).not.toMatch(ISO_TIMESTAMP);
    expect(text).not.toMatch(/sosh-\d|ds-\d|[0-9a-f]{24}/);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Месяц' }).click();
    await page.locator('.fc-daygrid-event').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'calendar');

    // 200 % zoom of a 1280-px window: 640 CSS pixels; nothing needs horizontal scrolling.
    await page.setViewportSize({ width: 640, height: 450 });
    await page.locator('.fc-view').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('a stale link shows a Russian page, not a blank screen', async () => {
    await page.goto('/events/000000000000000000000000');
    await page.getByRole('heading', { name: 'Страница не найдена' }).waitFor();
    await page.goto('/no/such/page');
    await page.getByRole('heading', { name: 'Страница не найдена' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
