/**
 * Liveness and readiness for orchestrators: /health/live depends on nothing but the process;
 * /health/ready (like /health) needs every service, and says 503 `gateway` while the gateway
 * drains on shutdown, still answering and alive, before it stops taking connections.
 */
import { createTestEnv, TestEnv } from '@tochka/testing';
import { RunningGateway, startGateway } from '@tochka/gateway';

const JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

describe('gateway health probes', () => {
  let env: TestEnv;
  let gateway: RunningGateway | undefined;

  beforeAll(async () => {
    env = createTestEnv();
    // No backend service runs: readiness must say so, liveness must not care.
    gateway = await startGateway({
      overrides: env.overrides('gateway', { PORT: 0, HOST: '127.0.0.1', JWT_SECRET, HEALTH_TIMEOUT_MS: 500, GATEWAY_DRAIN_MS: 1500 }),
    });
  });

  afterAll(async () => {
    await gateway?.close().catch(() => undefined);
    await env?.cleanup();
  });

  it('is live while not ready, and drains before it stops', async () => {
    const url = gateway!.url;
    const get = (path: string) => probe(url, path);
    expect(await get('/health/live')).toEqual({ status: 200, body: { status: 'up', detail: 'Шлюз работает' } });
    const ready = await get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.down).toEqual(expect.arrayContaining(['agreements', 'calendar', 'registrations', 'notifications']));
    expect(ready.body.down).not.toContain('gateway');
    expect((await get('/health')).body.down).toEqual(ready.body.down);

    const closing = gateway!.close();
    gateway = undefined;
    const draining = await get('/health/ready');
    expect(draining.status).toBe(503);
    expect(draining.body.down[0]).toBe('gateway');
    const live = await get('/health/live');
    expect(live).toEqual({ status: 200, body: { status: 'up', detail: 'Шлюз останавливается, текущие запросы завершаются' } });
    await closing;
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();
  });
});

async function probe(url: string, path: string) {
  const res = await fetch(url + path);
  return { status: res.status, body: (await res.json()) as { status: string; down: string[]; detail: string } };
}
