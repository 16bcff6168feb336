import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startAgreements } from '@tochka/agreements';
import { startCalendar } from '@tochka/calendar';
import { demoUsers, DEV_DEMO_PASSWORD } from '@tochka/district-data';
import { seedDistrict } from '@tochka/dev-stack';
import { RunningGateway, startGateway } from '@tochka/gateway';
import { startNotifications } from '@tochka/notifications';
import { startRegistrations } from '@tochka/registrations';
import { startReports } from '@tochka/reports';
import { Api, createTestEnv, SinkMessage, SmtpSink, startSmtpSink, Started, startStack, TestEnv } from '@tochka/testing';

export const WEB_DIST = join(__dirname, '..', '..', 'dist');
/**
 * The README's screenshots are rewritten only on request (`UPDATE_SCREENSHOTS=1`), so a test run
 * leaves the working tree clean; otherwise they go to a temporary folder.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(__dirname, '..', '..', '..', '..', 'docs', 'screenshots')
  : join(tmpdir(), 'tochka-web-screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Far from Moscow on purpose: every time on screen must still be Moscow time. */
export const BROWSER_TIME_ZONE = 'America/New_York';

/** Real time, moved by hand: the gateway's tokens expire when a test says so. */
export class ShiftedClock {
  private offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

export const user = (role: string, organization?: string) => {
  const u = demoUsers.find((d) => d.role === role && (!organization || d.organization === organization));
  if (!u) throw new Error(`no demo user ${role} ${organization ?? ''}`);
  return u;
};

export interface WebStack {
  url: string;
  env: TestEnv;
  gateway: RunningGateway;
  sink: SmtpSink;
  clock: ShiftedClock;
  browser: Browser;
  /** The API as a demo user (setup and checks beside what the browser shows). */
  apiAs(email: string): Promise<Api>;
  /** A browser context as a phone or a desktop, in a time zone far from Moscow (closed with the stack). */
  context(opts?: { phone?: boolean }): Promise<BrowserContext>;
  /** A page in a new context, logged in as a demo user through the login page, at `path`. */
  pageAs(email: string, path: string, opts?: { phone?: boolean }): Promise<Page>;
  /** The first mail to `address` whose subject matches. */
  mailTo(address: string, subject: RegExp): Promise<SinkMessage[]>;
  close(): Promise<void>;
}

/**
 * The whole network for the browser: the four services and the gateway in this process against
 * the real Mongo-compatible server, NATS and an SMTP sink; the district seeded; the built web app
 * served by the gateway; Debian's Chromium driven by playwright-core.
 */
export async function startWebStack(): Promise<WebStack> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`the web app is not built (${WEB_DIST}): run \`pnpm build\` first`);
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (CI: .ci/run installs it)`);
  const env = createTestEnv();
  const sink = await startSmtpSink();
  const clock = new ShiftedClock();
  let services:
    | Started<{
        agreements: typeof startAgreements;
        calendar: typeof startCalendar;
        registrations: typeof startRegistrations;
        notifications: typeof startNotifications;
        reports: typeof startReports;
      }>
    | undefined;
  let gateway: RunningGateway | undefined;
  let browser: Browser | undefined;
  try {
    services = await startStack(
      env,
      { agreements: startAgreements, calendar: startCalendar, registrations: startRegistrations, notifications: startNotifications, reports: startReports },
      // One clock for the whole network: a test moves it past an event's end (attendance), tokens expire with it.
      { clock, overrides: { notifications: { SMTP_URL: sink.url, SMTP_HEALTH_TTL_MS: 0 } } },
    );
    // A loaded CI machine (2 cores, everything in one process) answers slower than the default 5 s.
    gateway = await startGateway({ overrides: env.overrides('gateway', { WEB_DIST, RPC_TIMEOUT_MS: 30_000 }), clock });
    await seedDistrict({ rpc: gateway.runtime.bus.rpc, users: gateway.users }, { password: DEV_DEMO_PASSWORD });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
    });
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await gateway?.close().catch(() => undefined);
    await services?.close().catch(() => undefined);
    await sink.close().catch(() => undefined);
    await env.cleanup().catch(() => undefined);
    throw err;
  }
  const g = gateway;
  const b = browser;
  const s = services;
  const context = ({ phone = false } = {}) =>
    b.newContext({
      baseURL: g.url,
      locale: 'ru-RU',
      timezoneId: BROWSER_TIME_ZONE,
      viewport: phone ? { width: 375, height: 740 } : { width: 1280, height: 900 },
      deviceScaleFactor: 1,
      isMobile: phone,
      hasTouch: phone,
    });
  return {
    url: g.url,
    env,
    gateway: g,
    sink,
    clock,
    browser: b,
    apiAs: (email) => new Api(g.url).login(email, DEV_DEMO_PASSWORD),
    context,
    async pageAs(email, path, opts = {}) {
      const page = await (await context(opts)).newPage();
      await logIn(page, email, path);
      return page;
    },
    mailTo: (address, subject) => sink.waitFor((m) => m.envelope.to.includes(address) && subject.test(m.parsed.subject ?? ''), { timeoutMs: 30_000 }),
    async close() {
      await b.close().catch(() => undefined);
      await g.close();
      await s.close();
      await sink.close();
      await env.cleanup();
    },
  };
}

/** Log in through the login page and wait for the calendar. */
export async function logIn(page: Page, email: string, path = '/') {
  await page.goto(path);
  await page.getByLabel('Электронная почта').fill(email);
  await page.getByLabel(/^Пароль/).fill(DEV_DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('navigation', { name: 'Разделы' }).waitFor();
}

/** axe-core on the page as it is: the serious and critical violations (expected: none). */
export async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

/** No horizontal scrolling: the page is no wider than the viewport. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  if (!opts.fullPage) return void (await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) }));
  // A taller window rather than Playwright's fullPage: the app's fixed header and menu would be
  // painted in the middle of a stitched page.
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.min(height, 2400) });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  await page.setViewportSize(size);
}

/** Text on screen must not show raw ids or ISO timestamps. */
export async function visibleText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the text as shown (hidden parts left out, line breaks kept) is what is checked
  return page.evaluate(() => document.body.innerText);
}
export const ISO_TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Nothing on screen that a person should not read: no ISO timestamps, organisation keys or ObjectIds. */
export async function noRawData(page: Page): Promise<void> {
  const text = await visibleText(page);
  expect(text).not.toMatch(ISO_TIMESTAMP);
  expect(text).not.toMatch(/\bsosh-\d|\bds-\d|[0-9a-f]{24}/);
}
