import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Api, eventually, SmtpSink } from '@tochka/testing';
import { setUpMasterClass } from './burst-fixture';
import { LaunchedStack, launchStack, portsInRange } from './launcher-harness';

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
  let launched: LaunchedStack;
  let sink: SmtpSink;
  let api: Api;
  let receiver: Server;
  const spans: ReceivedSpan[] = [];

  beforeAll(async () => {
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
    const [port] = (await portsInRange(1, 0, 18590)) as [number];
    launched = await launchStack({
      name: 'tracing',
      port,
      coordinator: COORDINATOR,
      password: PASSWORD,
      processEnv: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`, OTEL_BSP_SCHEDULE_DELAY: '300' },
    });
    ({ api, sink } = launched);
  }, 120_000);

  afterAll(async () => {
    await launched?.stop();
    await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
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
    // Each process exports its spans on its own schedule: wait until the mail's ancestors have all arrived.
    const chainOf = () => {
      const byId = new Map(inTrace().map((s) => [s.spanId, s]));
      const names: string[] = [];
      for (let s: ReceivedSpan | undefined = mail; s; s = byId.get(s.parentSpanId)) names.unshift(`${s.service}: ${s.name}`);
      return names;
    };
    const chain = await eventually(() => {
      const names = chainOf();
      return names[0] === 'gateway: POST /api/events/:id/registrations' ? names : undefined;
    }, 20_000).catch(() => chainOf());
    expect(chain[0]).toBe('gateway: POST /api/events/:id/registrations');
    expect(chain).toContain('registrations: rpc registrations.create');
    expect(chain.some((c) => /^notifications: event registration\.(confirmed|waitlisted)$/.test(c))).toBe(true);
    expect(chain[chain.length - 1]).toMatch(/^notifications: mail registration_/);
    expect(http.attributes['http.response.status_code']).toBe(201);
  }, 180_000);
});
