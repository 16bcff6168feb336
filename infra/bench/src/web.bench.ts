import { existsSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { calendarRpcs, DIRECTIONS, DomainError } from '@tochka/contracts';
import { SEED_ACTOR, seedDistrict } from '@tochka/dev-stack';
import { demoUsers, DEV_DEMO_PASSWORD } from '@tochka/district-data';
import { createTestEnv } from '@tochka/testing';
import type { Benchmark } from './index';
import { Network } from './network';

const WEB_DIST = join(__dirname, '..', '..', '..', 'services', 'web', 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 7);
/** Events added to the seeded April 2023 so that the festival month holds about sixty. */
const EXTRA = Number(process.env.BENCH_WEB_EXTRA_EVENTS ?? 45);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const ms = (x: number) => `${Math.round(x)} ms`;

/** Milliseconds from the page's navigation start until the main thread is idle after `ready`. */
async function idleAfter(page: Page, ready: () => Promise<unknown>, since: 'navigation' | 'mark' = 'navigation'): Promise<number> {
  await ready();
  // Browser code as text: this package is compiled without the DOM's types.
  const origin = since === 'mark' ? 'window.__t0' : '0';
  return page.evaluate(`new Promise((resolve) => requestIdleCallback(() => resolve(performance.now() - ${origin}), { timeout: 5000 }))`);
}

/**
 * The web app in Chromium against the seeded district: how much JavaScript the first load costs
 * (gzip, as served), and how soon the April 2023 month view (the festival, ≈ 60 events) is
 * interactive after navigation — beside a blank page from a plain static server and the login
 * page (the same bundle, no data) measured in the same run. Agreements, calendar and the gateway
 * run each in its own process, as `pnpm start` runs them (seeded from this one as `pnpm seed`
 * seeds a running network); their memory at rest (once seeded) and at their peak beside the figures.
 */
export default {
  name: 'web: first-load JavaScript and the April 2023 month view in Chromium',
  async run() {
    if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`build the web app first (pnpm build): ${WEB_DIST}`);
    const env = createTestEnv();
    const network = await Network.start(env, ['agreements', 'calendar', 'gateway'], { gateway: { WEB_DIST, RPC_TIMEOUT_MS: 30_000 } });
    const blank = await staticBlankServer();
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
    });
    try {
      await seedDistrict({ rpc: network.rpc, users: network.users }, { password: DEV_DEMO_PASSWORD });
      const added = await addAprilEvents(network.rpc);
      const atRest = network.memory();
      const head = demoUsers.find((u) => u.role === 'kindergarten')!;
      const context = await browser.newContext({
        baseURL: network.url,
        viewport: { width: 1280, height: 900 },
        locale: 'ru-RU',
        timezoneId: 'America/New_York',
      });
      const page = await context.newPage();

      // First load: the JavaScript the login page fetches, and what opening the calendar adds.
      const js = new Map<string, number>();
      page.on('response', async (r) => {
        if (r.url().endsWith('.js') && r.status() === 200) js.set(r.url(), gzipSync(await r.body()).length);
      });
      await page.goto('/login');
      await page.getByRole('button', { name: 'Войти' }).waitFor();
      await page.waitForLoadState('networkidle');
      const loginJs = [...js.values()].reduce((a, b) => a + b, 0);
      await page.getByLabel(/^Электронная почта/).fill(head.email);
      await page.getByLabel(/^Пароль/).fill(DEV_DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.getByRole('heading', { name: 'Календарь мероприятий' }).waitFor();
      await page.waitForLoadState('networkidle');
      const calendarJs = [...js.values()].reduce((a, b) => a + b, 0);

      const april = await fetchCount(page);
      const status = page.getByText(`В календаре ${april} `);
      const monthReady = async () => {
        await status.waitFor();
        await page.locator('.fc-daygrid-event').first().waitFor();
      };

      // Reference 1: a blank page from a plain static server. Reference 2: the login page.
      const blankRuns: number[] = [];
      const loginRuns: number[] = [];
      const loadRuns: number[] = [];
      const clickRuns: number[] = [];
      const apiRuns: number[] = [];
      const other = await context.newPage();
      for (let i = 0; i < RUNS; i++) {
        await other.goto(blank.url, { waitUntil: 'commit' });
        blankRuns.push(await idleAfter(other, () => other.getByText('Пустая страница').waitFor()));
        await other.goto(`${network.url}/login?next=%2Fprofile`, { waitUntil: 'commit' });
        loginRuns.push(
          await idleAfter(other, () =>
            other
              .getByRole('heading', { name: 'Профиль' })
              .or(other.getByRole('button', { name: 'Войти' }))
              .first()
              .waitFor(),
          ),
        );

        apiRuns.push(await timeEventsRequest(page));

        // The month view opened by its address (warm HTTP cache, as on a second visit).
        await page.goto('/calendar?view=month&date=2023-04-01', { waitUntil: 'commit' });
        loadRuns.push(await idleAfter(page, monthReady));

        // In-app navigation: from March to April with «Вперёд».
        await page.goto('/calendar?view=month&date=2023-03-01');
        await page.locator('.fc-daygrid-event').first().waitFor();
        await page.waitForLoadState('networkidle');
        await page.evaluate(`window.__t0 = performance.now(); document.querySelector('.fc-next-button').click()`);
        clickRuns.push(await idleAfter(page, monthReady, 'mark'));
      }
      await context.close();
      return {
        'events in the April 2023 month view (seeded + added)': `${april} (${added} added)`,
        'JavaScript of the first load (login page), gzip': kb(loginJs),
        'JavaScript after opening the calendar, gzip (total)': kb(calendarJs),
        [`reference: blank page from a static server, load to idle (median of ${RUNS})`]: ms(median(blankRuns)),
        [`reference: login page, same bundle, no data, load to idle (median of ${RUNS})`]: ms(median(loginRuns)),
        [`April 2023 month view by address, load to interactive (median of ${RUNS})`]: ms(median(loadRuns)),
        [`April 2023 month view after «Вперёд» from March, to interactive (median of ${RUNS})`]: ms(median(clickRuns)),
        'April 2023 month view by address, slowest run': ms(Math.max(...loadRuns)),
        [`of which the API: GET /api/events for the month's 6 weeks (median of ${RUNS})`]: ms(median(apiRuns)),
        ...network.memoryRows(atRest),
      };
    } finally {
      await browser.close();
      await new Promise((r) => blank.server.close(r));
      await network.close();
      await env.cleanup();
    }
  },
} satisfies Benchmark;

async function fetchCount(page: Page): Promise<number> {
  // The month grid of April 2023 runs from Monday 27 March to Sunday 7 May.
  return page.evaluate(`(async () => {
    const token = sessionStorage.getItem('tochka.session');
    const r = await fetch('/api/events?from=2023-03-27T00:00:00%2B03:00&to=2023-05-08T00:00:00%2B03:00&limit=200', { headers: { authorization: 'Bearer ' + token } });
    return (await r.json()).total;
  })()`);
}

/** One request for the month's events, as the page sends it, timed in the browser. */
async function timeEventsRequest(page: Page): Promise<number> {
  return page.evaluate(`(async () => {
    const token = sessionStorage.getItem('tochka.session');
    const t0 = performance.now();
    const r = await fetch('/api/events?from=2023-03-26T21%3A00%3A00.000Z&to=2023-05-07T21%3A00%3A00.000Z&limit=200&page=1', { headers: { authorization: 'Bearer ' + token } });
    await r.json();
    return performance.now() - t0;
  })()`);
}

/** More approved events in April 2023 at СОШ № 5 (08:00 and 18:00, when the plan uses no room). */
async function addAprilEvents(rpc: Parameters<typeof seedDistrict>[0]['rpc']): Promise<number> {
  let added = 0;
  for (let i = 0; i < EXTRA; i++) {
    const day = String(3 + (i % 26)).padStart(2, '0');
    const hour = i < 26 ? '08' : '18';
    try {
      await rpc.request(calendarRpcs.import, {
        actor: SEED_ACTOR,
        key: `bench-web-${i}`,
        event: {
          hostId: 'sosh-5',
          title: `Занятие кружка № ${i + 1}`,
          description: 'Нагрузочные данные бенчмарка.',
          kind: 'extracurricular_class',
          direction: DIRECTIONS[i % DIRECTIONS.length] ?? 'robotics',
          venue: 'informatics',
          start: `2023-04-${day}T${hour}:00:00+03:00`,
          end: `2023-04-${day}T${hour}:45:00+03:00`,
          audience: ['pupils'],
          partners: [],
        },
      });
      added++;
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'venue_busy') throw err;
    }
  }
  return added;
}

function staticBlankServer(): Promise<{ server: Server; url: string }> {
  const html = Buffer.from('<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Пусто</title></head><body><p>Пустая страница</p></body></html>');
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': html.length });
    res.end(html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })));
}
