import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { Api } from '@tochka/testing';
import { horizontalOverflow, ISO_TIMESTAMP, logIn, screenshot, seriousViolations, startWebStack, user, visibleText, WebStack } from './harness';

/**
 * «Отчёты» in Chromium: the coordinator sees the district's figures with charts and downloads the
 * documents; a centre head only its centre; a kindergarten no reports at all.
 */
describe('web app: reports', () => {
  let stack: WebStack;
  let context: BrowserContext;
  const coordinator = user('coordinator');
  const head5 = user('centre_head', 'sosh-5');
  const kindergarten = user('kindergarten', 'ds-5');
  let heldBySosh5 = 0;

  const fresh = async (email: string, path = '/reports', phone = false): Promise<Page> => {
    const ctx = phone ? await stack.context({ phone: true }) : context;
    const page = await ctx.newPage();
    await logIn(page, email, path);
    return page;
  };

  beforeAll(async () => {
    stack = await startWebStack();
    context = await stack.context();
    // The hosts report four events of November 2022 as held (the seed loads the plan approved, none held yet).
    const api: Api = await stack.apiAs(coordinator.email);
    const november = (await api.get('/api/events?from=2022-11-01&to=2022-11-30&limit=200')).body.items as { id: string; host: { organizationId: string } }[];
    for (const e of november.slice(0, 4)) {
      expect((await api.post(`/api/events/${e.id}/report`, { participants: 20 })).status).toBe(200);
      if (e.host.organizationId === 'sosh-5') heldBySosh5++;
    }
    // The read side has them.
    for (let i = 0; i < 100; i++) {
      if ((await api.get('/api/reports/monitoring?schoolYear=2022-2023')).body.total.eventsHeld === 4) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await stack?.close();
  });

  it('the coordinator sees the district: figures, charts by month, direction and centre, unused agreements flagged; accessible', async () => {
    const page = await fresh(coordinator.email, '/calendar');
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Отчёты' }).click();
    await page.getByRole('heading', { name: 'Отчёты', level: 1 }).waitFor();
    expect(await page.title()).toBe('Отчёты — Сеть «Точка роста»');
    await page.getByText('Щербиновский район, 2022–2023 учебный год').waitFor();
    const figure = page.locator('.mantine-Card-root', { hasText: 'Проведено мероприятий' });
    expect(await figure.innerText()).toMatch(/Проведено мероприятий\s+4\s+из них сетевых: \d/);
    const months = page.getByRole('table', { name: 'По месяцам: проведено мероприятий и пришло детей' });
    expect(await months.getByRole('row', { name: /Ноябрь 2022/ }).innerText()).toMatch(/Ноябрь 2022\s+4\s+0/);
    await page.getByRole('table', { name: 'По направлениям' }).waitFor();
    const centres = page.getByRole('table', { name: 'По центрам: проведено мероприятий, из них сетевых' });
    expect(await centres.getByRole('row').count()).toBeGreaterThan(9); // header + every centre
    expect(await page.getByText('не использовано').count()).toBeGreaterThan(10);
    const text = await visibleText(page);
    expect(text).not.toMatch(ISO_TIMESTAMP);
    expect(text).toContain('система не ведёт и не подсчитывает');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reports-coordinator');
    await page.close();
  });

  it('downloads the plan-schedule and the monitoring report under their Russian names', async () => {
    const page = await fresh(coordinator.email);
    await page.getByRole('heading', { name: 'Документы' }).waitFor();
    const [plan] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'План-график (Excel)' }).click()]);
    expect(plan.suggestedFilename()).toBe('План-график 2022–2023.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await plan.path())!) as never);
    expect(String(wb.worksheets[0]!.getCell(1, 12).value)).toBe('УТВЕРЖДАЮ');
    expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(9 + 40); // the 45 events of the plan
    await page.getByText('Файл «План-график 2022–2023.xlsx» скачан.').waitFor();
    const [monitoring] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Мониторинг (Excel)' }).click()]);
    expect(monitoring.suggestedFilename()).toBe('Мониторинг 2022–2023.xlsx');
    const [letters] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'благодарственные письма (PDF)' }).click()]);
    expect(letters.suggestedFilename()).toMatch(/^Благодарственные письма .+\.pdf$/);
    expect(
      readFileSync((await letters.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await page.close();
  });

  it('a centre head sees only its own centre and no letters to sign', async () => {
    const page = await fresh(head5.email);
    await page.getByText('МБОУ СОШ № 5 им. И.П. Рыбина, 2022–2023 учебный год').waitFor();
    expect(await page.locator('.mantine-Card-root', { hasText: 'Проведено мероприятий' }).innerText()).toMatch(
      new RegExp(`Проведено мероприятий\\s+${heldBySosh5}\\s`),
    );
    expect(await page.getByLabel('Центр').count()).toBe(0);
    expect(await page.getByRole('table', { name: /^По центрам/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'благодарственные письма (PDF)' }).count()).toBe(0);
    await page.getByRole('button', { name: 'программа (PDF)' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('a kindergarten has no reports in its menu, and the address says so', async () => {
    const page = await fresh(kindergarten.email, '/calendar');
    expect(await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Отчёты' }).count()).toBe(0);
    await page.goto('/reports');
    await page.getByText('Отчёты доступны методической службе и руководителям центров.').waitFor();
    await page.close();
  });

  it('works on a 375 px phone', async () => {
    const page = await fresh(coordinator.email, '/reports', true);
    await page.getByRole('table', { name: 'По направлениям' }).waitFor();
    await screenshot(page, 'reports-phone');
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 12)
        .map(
          (el) => `${el.tagName} ${el.getAttribute('aria-label') ?? ''} ${Math.round(el.getBoundingClientRect().right)} ${(el.textContent ?? '').slice(0, 40)}`,
        ),
    );
    expect(wide).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
