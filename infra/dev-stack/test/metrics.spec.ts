import { Api, eventually, SmtpSink } from '@tochka/testing';
import { SERVICES } from '../src/settings';
import { DevStack } from '../src/start';
import { registrationBurst, setUpMasterClass } from './burst-fixture';
import { LaunchedStack, launchStack, portsInRange } from './launcher-harness';

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
  let launched: LaunchedStack;
  let stack: DevStack;
  let api: Api;
  let sink: SmtpSink;
  let metricsBase: number;
  const scrape = async (service: string) => {
    const res = await fetch(`http://127.0.0.1:${metricsBase + SERVICES.indexOf(service as never)}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  beforeAll(async () => {
    let port: number;
    [port, metricsBase] = (await portsInRange(2, SERVICES.length, 18520)) as [number, number];
    launched = await launchStack({ name: 'metrics', port, coordinator: COORDINATOR, password: PASSWORD, processEnv: { METRICS_PORT: String(metricsBase) } });
    ({ stack, api, sink } = launched);
  }, 120_000);

  afterAll(() => launched?.stop(), 60_000);

  it('says which port each process serves', () => {
    expect(launched.logs.join('\n')).toContain(`метрики Prometheus: agreements :${metricsBase}, calendar :${metricsBase + 1}`);
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
    const lag = sample(notifications, 'tochka_consumer_lag_messages', {
      consumer: 'notifications',
      stream: `${launched.env.prefix.toUpperCase()}_REGISTRATIONS`,
    });
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(sample(notifications, 'tochka_consumer_ack_pending_messages', { consumer: 'notifications' })).toBeGreaterThanOrEqual(0);
  }, 240_000);
});
