import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Api } from './api';

/** A server that resets the connection of the first request it gets and answers every later one. */
function resettingOnce(): Promise<{ server: Server; url: string; seen: () => number }> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    req.resume();
    if (requests === 1) {
      req.socket.resetAndDestroy();
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ n: requests }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen: () => requests })),
  );
}

describe('test Api client: a reset connection', () => {
  const cases: [string, (api: Api) => Promise<unknown>, boolean][] = [
    ['GET is sent again', (api) => api.get('/x'), true],
    ['POST with an Idempotency-Key is sent again', (api) => api.post('/x', { a: 1 }, { 'Idempotency-Key': 'k1' }), true],
    ['POST without one fails as it happened', (api) => api.post('/x', { a: 1 }), false],
  ];
  it.each(cases)('%s', async (_name, call, resent) => {
    const { server, url, seen } = await resettingOnce();
    try {
      const api = new Api(url);
      if (resent) {
        await expect(call(api)).resolves.toMatchObject({ status: 200, body: { n: 2 } });
      } else {
        await expect(call(api)).rejects.toMatchObject({ cause: { code: 'ECONNRESET' } });
        expect(seen()).toBe(1);
      }
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
