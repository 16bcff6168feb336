import type { BrowserContext, Page } from 'playwright-core';
import { horizontalOverflow, ISO_TIMESTAMP, logIn, seriousViolations, startWebStack, user, visibleText, WebStack } from './harness';

/**
 * The work of the centres' heads and of the methodical service, in the browser only, against the
 * whole network: the coordinator drafts an agreement between СОШ № 3 and д/с № 5 and sends it,
 * both heads sign it, the head of СОШ № 3 proposes a robot-launch master class, the coordinator
 * approves it from the inbox, д/с № 5 registers a group, the event takes place (the network's
 * clock is moved past its end) and the head records attendance. The mails arrive at the SMTP sink.
 * Beside the story: a rejection, the registry's filters, axe on every page, a phone-sized screen.
 */
describe('web app: centre heads and the methodical service', () => {
  let stack: WebStack;
  const contexts: BrowserContext[] = [];
  const coordinator = user('coordinator');
  const head3 = user('centre_head', 'sosh-3');
  const ds5 = user('kindergarten', 'ds-5');
  const NUMBER = `СВ-Э2Е/${Date.now() % 100000}`;
  let agreementUrl = '';

  const pageAs = async (email: string, path: string, opts: { phone?: boolean } = {}): Promise<Page> => {
    const context = await stack.context(opts);
    contexts.push(context);
    const page = await context.newPage();
    await logIn(page, email, path);
    return page;
  };
  const noRawData = async (page: Page) => {
    const text = await visibleText(page);
    expect(text).not.toMatch(ISO_TIMESTAMP);
    expect(text).not.toMatch(/\bsosh-\d|\bds-\d|[0-9a-f]{24}/);
  };
  const mailTo = (address: string, subject: RegExp) =>
    stack.sink.waitFor((m) => m.envelope.to.includes(address) && subject.test(m.parsed.subject ?? ''), { timeoutMs: 30_000 });

  beforeAll(async () => {
    stack = await startWebStack();
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await stack?.close();
  });

  it('the coordinator drafts an agreement between СОШ № 3 and д/с № 5 in the form and sends it for signature', async () => {
    const page = await pageAs(coordinator.email, '/agreements');
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
    await mailTo('sosh3@shcherbinovsky.test', new RegExp(NUMBER.replace(/[/]/g, '.')));
    await mailTo('ds5@shcherbinovsky.test', new RegExp(NUMBER.replace(/[/]/g, '.')));
  });

  it('both heads find it awaiting their signature and sign it; it is in force', async () => {
    for (const [who, last] of [
      [head3, false],
      [ds5, true],
    ] as const) {
      const page = await pageAs(who.email, '/agreements');
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
    await mailTo('sosh3@shcherbinovsky.test', /вступило в силу|действует/i);
  });

  it('the registry filters by party, status and "valid on"; a head is offered no termination', async () => {
    const page = await pageAs(head3.email, '/agreements', { phone: true });
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

    const page = await pageAs(coordinator.email, '/inbox');
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
    await mailTo(head3.email, /Мероприятие не согласовано: «Шахматный турнир центра»/);
    await noRawData(page);
  });
});
