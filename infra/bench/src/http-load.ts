import { Agent, request } from 'node:http';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/**
 * A small HTTP load generator: `connections` keep-alive connections, each sending the next GET as
 * soon as the previous answer has ended, for `seconds`. It runs in a worker thread of the
 * benchmark's process, so it does not share an event loop with the server under test (the
 * gateway runs in the main thread), and the same generator measures every server — ours, nginx,
 * a bare Node handler — so their ratio is what it says. Bodies are counted, not inflated.
 */
export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  /** Every answer must have this status (default 200). */
  status?: number;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  /** Body bytes of one answer (the last one). */
  bodyBytes: number;
}

export function load(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: options });
    worker.once('message', (result: LoadResult | { error: string }) => ('error' in result ? reject(new Error(result.error)) : resolve(result)));
    worker.once('error', reject);
  });
}

async function run({ url, headers = {}, connections, seconds, status = 200 }: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const get = () =>
    new Promise<number>((done, fail) => {
      const req = request(url, { agent, headers }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => (res.statusCode === status ? done(bytes) : fail(new Error(`${url} answered ${res.statusCode}, expected ${status}`))));
      });
      req.on('error', fail);
      req.end();
    });
  // Warm up: every connection open, the server's paths hot.
  await Promise.all(Array.from({ length: connections }, get));
  let requests = 0;
  let bodyBytes = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        bodyBytes = await get();
        requests++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { requests, perSecond: requests / elapsed, bodyBytes };
}

/**
 * JSON POSTs over keep-alive connections (node:http, as `load` uses), answering each one's status
 * (the body is read and dropped): what a burst of many clients sends, for a fraction of the CPU
 * `fetch` takes in the benchmark's process — which shares the machine's two cores with the
 * network under test.
 */
export class JsonPoster {
  private readonly agent: Agent;

  constructor(
    private readonly baseUrl: string,
    connections: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  post(path: string, token: string | undefined, body: unknown): Promise<number> {
    const json = JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)) };
    if (token) headers.authorization = `Bearer ${token}`;
    return new Promise((done, fail) => {
      const req = request(this.baseUrl + path, { method: 'POST', agent: this.agent, headers }, (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
        res.on('error', fail);
      });
      req.on('error', fail);
      req.end(json);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

if (!isMainThread && parentPort) {
  run(workerData as LoadOptions).then(
    (result) => parentPort!.postMessage(result),
    (err: Error) => parentPort!.postMessage({ error: err.message }),
  );
}
