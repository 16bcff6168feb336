/**
 * Prometheus metrics, scraped from every process of a running network (METRICS_PORT given to
 * the launcher: one port per process). A master class and a burst of registrations later, the
 * series exist and have moved: HTTP requests by route and status with latency histograms at the
 * gateway, RPCs handled per service, events consumed, redeliveries and dead letters, consumer lag,
 * the outbox backlog, mails queued and sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@tochka/gateway';
import { Api, createTestEnv, eventually, SmtpSink, startSmtpSink, TestEnv } from '@tochka/testing';
import { Console } from '../src/format';
import { missingEntries } from '../src/processes';
import { REPO_ROOT, resolveSettings, SERVICES } from '../src/settings';
import { DevStack } from '../src/start';
import { registrationBurst, setUpMasterClass } from './burst-fixture';
import { isAlive, portsInRange } from './launcher-harness';

const PASSWORD = 'пароль-метрик-района';
const COORDINATOR = 'metodist@mk-moshr.test';

/** Sum of the samples of `name` whose labels include every pair of `labels`; undefined: no such series. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  let found: number | undefined;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) found = (found ?? 0) + Number(m[3]);
  }
  return found;
}

describe('metrics of every process', () => {
  let env: TestEnv;
  let sink: SmtpSink;
  let stack: DevStack;
  let api: Api;
  let dataDir: string;
  let port: number;
  let metricsBase: number;
  const logs: string[] = [];
  const quietConsole: Console = { log: (source, level, message) => logs.push(`${source} ${level} ${message}`), raw: (text) => logs.push(text) };
  const scrape = async (service: string) => {
    const res = await fetch(`http://127.0.0.1:${metricsBase + SERVICES.indexOf(service as never)}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  beforeAll(async () => {
    if (missingEntries(REPO_ROOT, SERVICES).length) throw new Error('run pnpm build first');
    env = createTestEnv();
    sink = await startSmtpSink();
    dataDir = mkdtempSync(join(tmpdir(), 'metrics-'));
    [port, metricsBase] = (await portsInRange(2, SERVICES.length, 18520)) as [number, number];
    Object.assign(process.env, { EVENT_BACKOFF_MS: '200,500,1000', OUTBOX_SWEEP_MS: '300', JETSTREAM_STORAGE: 'memory', METRICS_PORT: String(metricsBase) });
    stack = new DevStack(
      resolveSettings({
        NATS_URL: env.natsUrl,
        MONGO_URL: env.mongoUrl,
        SMTP_URL: sink.url,
        SUBJECT_PREFIX: env.prefix,
        MONGO_DB_PREFIX: env.prefix,
        PORT: String(port),
        HOST: '127.0.0.1',
        DEV_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
      }),
      { steps: [], console: quietConsole, healthTimeoutMs: 90_000 },
    );
    await stack.start();
    api = new Api(`http://127.0.0.1:${port}`);
    const created = await runCli(
      ['users:create', '--email', COORDINATOR, '--role', 'coordinator', '--org', 'mk-moshr', '--name', 'Бондаренко И.В.'],
      { MONGO_URL: env.mongoUrl, MONGO_DB_PREFIX: env.prefix, USER_PASSWORD: PASSWORD },
      { log: () => undefined, error: (s: string) => logs.push(s) } as unknown as Console & typeof console,
    );
    expect(created).toBe(0);
  }, 120_000);

  afterAll(async () => {
    delete process.env.METRICS_PORT;
    const pids = Object.values(stack?.pids() ?? {});
    await stack?.stop();
    for (const pid of pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    await sink?.close();
    await env?.cleanup();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('says which port each process serves', () => {
    expect(logs.join('\n')).toContain(`метрики Prometheus: agreements :${metricsBase}, calendar :${metricsBase + 1}`);
  });

  it('counts requests, RPCs, events and mails, and they move', async () => {
    const coordinator = await api.login(COORDINATOR, PASSWORD);
    const mc = await setUpMasterClass(api, coordinator, PASSWORD);
    const route = { route: '/api/events/:id/registrations', method: 'POST', status: '201' };
    const before = { gateway: await scrape('gateway'), registrations: await scrape('registrations'), notifications: await scrape('notifications') };
    expect(sample(before.gateway, 'tochka_http_requests_total', route)).toBeUndefined();
    const sentBefore = sample(before.notifications, 'tochka_mails_total', { outcome: 'sent' }) ?? 0;

    const { results } = await registrationBurst(mc, () => undefined);
    expect((await api.get('/api/no-such-route')).status).toBe(404);
    for (const r of results) await sink.waitFor((m) => m.envelope.to.includes(r.contactEmail), { timeoutMs: 60_000 });

    const gateway = await scrape('gateway');
    expect(sample(gateway, 'tochka_http_requests_total', route)).toBe(results.length);
    expect(sample(gateway, 'tochka_http_request_duration_seconds_count', route)).toBe(results.length);
    expect(sample(gateway, 'tochka_http_request_duration_seconds_bucket', { ...route, le: '+Inf' })).toBe(results.length);
    expect(sample(gateway, 'tochka_http_requests_total', { route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(sample(gateway, 'tochka_process_resident_memory_bytes')).toBeGreaterThan(0);

    const registrations = await scrape('registrations');
    const created = { rpc: 'registrations.create', status: '200', service: 'registrations' };
    expect(sample(registrations, 'tochka_rpc_handled_total', created)).toBe(results.length);
    expect(sample(registrations, 'tochka_rpc_duration_seconds_count', { rpc: 'registrations.create' })).toBe(results.length);
    expect(sample(registrations, 'tochka_outbox_backlog_documents')).toBeGreaterThanOrEqual(0);
    expect(sample(registrations, 'tochka_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(0);

    const notifications = await eventually(async () => {
      const text = await scrape('notifications');
      return (sample(text, 'tochka_mails_total', { outcome: 'sent' }) ?? 0) - sentBefore >= results.length ? text : undefined;
    }, 30_000);
    expect(sample(notifications, 'tochka_mails_total', { outcome: 'queued' })).toBeGreaterThanOrEqual(results.length);
    expect(sample(notifications, 'tochka_mail_queue', { status: 'sent' })).toBeGreaterThanOrEqual(results.length);
    expect(sample(notifications, 'tochka_events_consumed_total', { consumer: 'notifications', outcome: 'handled' })).toBeGreaterThanOrEqual(results.length);
    expect(sample(notifications, 'tochka_dead_letters_total', { consumer: 'notifications' })).toBe(0);
    expect(sample(notifications, 'tochka_event_redeliveries_total', { consumer: 'notifications' })).toBeGreaterThanOrEqual(0);
    const lag = sample(notifications, 'tochka_consumer_lag_messages', { consumer: 'notifications', stream: `${env.prefix.toUpperCase()}_REGISTRATIONS` });
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(sample(notifications, 'tochka_consumer_ack_pending_messages', { consumer: 'notifications' })).toBeGreaterThanOrEqual(0);
  }, 240_000);
});
