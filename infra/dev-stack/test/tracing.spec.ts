/**
 * One trace per registration, across processes: the gateway's HTTP span, the registrations
 * service's RPC span, the notifications service's span for the `registration.*` event it
 * consumed and the span of the mail it sent — joined by W3C `traceparent` in HTTP and NATS
 * headers. The processes export over OTLP/HTTP to a tiny receiver in this test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@tochka/gateway';
import { Api, createTestEnv, eventually, SmtpSink, startSmtpSink, TestEnv } from '@tochka/testing';
import { Console } from '../src/format';
import { missingEntries } from '../src/processes';
import { REPO_ROOT, resolveSettings, SERVICES } from '../src/settings';
import { DevStack } from '../src/start';
import { setUpMasterClass } from './burst-fixture';
import { isAlive, portsInRange } from './launcher-harness';

const PASSWORD = 'пароль-трассировки-района';
const COORDINATOR = 'metodist@mk-moshr.test';

interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  attributes: Record<string, unknown>;
}

describe('tracing a registration from HTTP to the mail', () => {
  let env: TestEnv;
  let sink: SmtpSink;
  let stack: DevStack;
  let api: Api;
  let dataDir: string;
  let receiver: Server;
  const spans: ReceivedSpan[] = [];
  const logs: string[] = [];
  const quietConsole: Console = { log: (source, level, message) => logs.push(`${source} ${level} ${message}`), raw: (text) => logs.push(text) };

  beforeAll(async () => {
    if (missingEntries(REPO_ROOT, SERVICES).length) throw new Error('run pnpm build first');
    // OTLP/HTTP JSON receiver: POST /v1/traces with resourceSpans → scopeSpans → spans.
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const doc = JSON.parse(body) as {
          resourceSpans: {
            resource: { attributes: { key: string; value: { stringValue?: string } }[] };
            scopeSpans: {
              spans: { traceId: string; spanId: string; parentSpanId?: string; name: string; attributes?: { key: string; value: Record<string, unknown> }[] }[];
            }[];
          }[];
        };
        for (const rs of doc.resourceSpans) {
          const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
          for (const ss of rs.scopeSpans) {
            for (const s of ss.spans) {
              spans.push({
                service,
                traceId: s.traceId,
                spanId: s.spanId,
                parentSpanId: s.parentSpanId ?? '',
                name: s.name,
                attributes: Object.fromEntries((s.attributes ?? []).map((a) => [a.key, Object.values(a.value)[0]])),
              });
            }
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    env = createTestEnv();
    sink = await startSmtpSink();
    dataDir = mkdtempSync(join(tmpdir(), 'tracing-'));
    const [port] = (await portsInRange(1, 0, 18590)) as [number];
    Object.assign(process.env, {
      EVENT_BACKOFF_MS: '200,500,1000',
      OUTBOX_SWEEP_MS: '300',
      JETSTREAM_STORAGE: 'memory',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
      OTEL_BSP_SCHEDULE_DELAY: '300',
    });
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
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    delete process.env.OTEL_BSP_SCHEDULE_DELAY;
    const pids = Object.values(stack?.pids() ?? {});
    await stack?.stop();
    for (const pid of pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    await sink?.close();
    await env?.cleanup();
    await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('spans gateway → registrations → notifications → the mail in one trace', async () => {
    const coordinator = await api.login(COORDINATOR, PASSWORD);
    const mc = await setUpMasterClass(api, coordinator, PASSWORD);
    const res = await mc.kinder[0]!.post(`/api/events/${mc.eventId}/registrations`, {
      groupName: 'группа «Трассировка»',
      children: 2,
      ageBand: '5–6 лет',
      adults: [{ name: 'Воспитатель', phone: '+7 918 000-00-00' }],
      contactEmail: 'trace@ds-1.test',
    });
    expect(res.status).toBe(201);
    await sink.waitFor((m) => m.envelope.to.includes('trace@ds-1.test'), { timeoutMs: 30_000 });

    const http = await eventually(() => spans.find((s) => s.service === 'gateway' && s.name === 'POST /api/events/:id/registrations'), 20_000);
    const inTrace = () => spans.filter((s) => s.traceId === http.traceId);
    const mail = await eventually(() => inTrace().find((s) => s.service === 'notifications' && s.name.startsWith('mail ')), 20_000);
    const byId = new Map(inTrace().map((s) => [s.spanId, s]));
    const chain: string[] = [];
    for (let s: ReceivedSpan | undefined = mail; s; s = byId.get(s.parentSpanId)) chain.unshift(`${s.service}: ${s.name}`);
    expect(chain[0]).toBe('gateway: POST /api/events/:id/registrations');
    expect(chain).toContain('registrations: rpc registrations.create');
    expect(chain.some((c) => /^notifications: event registration\.(confirmed|waitlisted)$/.test(c))).toBe(true);
    expect(chain[chain.length - 1]).toMatch(/^notifications: mail registration_/);
    expect(http.attributes['http.response.status_code']).toBe(201);
  }, 180_000);
});
