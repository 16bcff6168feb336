import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { naming } from '@tochka/contracts';
import { BusMetrics, MessageBus } from '@tochka/messaging';

/** Seconds: RPCs and HTTP requests of this system take milliseconds to a few seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The Prometheus metrics of one process (prom-client), its own registry labelled with the
 * service, served as text on `METRICS_PORT` (`GET /metrics`) when that is set. Counting is a few
 * in-memory additions; gauges that need a query (consumer lag, outbox backlog, the mail queue)
 * are computed only when scraped.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private server?: Server;
  /** `http://host:port/metrics` once listening. */
  url?: string;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    // The event-loop delay is sampled every 200 ms, not prom-client's 10 ms: measured idle, the
    // 10 ms timer alone cost 0.6 % of a core per process (six processes: most of an idle
    // network's CPU); 200 ms costs 0.04 % and still shows any lag worth an alert.
    collectDefaultMetrics({ register: this.registry, prefix: 'tochka_', eventLoopMonitoringPrecision: 200 });
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  histogram<L extends string>(name: string, help: string, labelNames: readonly L[] = [], buckets = LATENCY_BUCKETS): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  /** A gauge whose values `collect` sets at scrape time. */
  gauge<L extends string>(name: string, help: string, labelNames: readonly L[], collect: (g: Gauge<L>) => Promise<void> | void): Gauge<L> {
    return new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        await collect(this);
      },
    });
  }

  async listen(port: number, host: string): Promise<void> {
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      this.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(text),
        (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(err.message),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const { port: bound } = server.address() as AddressInfo;
    this.url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${bound}/metrics`;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    this.registry.clear();
  }
}

/**
 * The bus's series: RPCs handled and their latency, events delivered by outcome, redeliveries,
 * dead letters, each durable consumer's lag, the outbox backlog and the age of its oldest event.
 */
export function instrumentBus(metrics: ServiceMetrics, bus: MessageBus): BusMetrics {
  const rpcs = metrics.counter('tochka_rpc_handled_total', 'RPCs answered by this process', ['rpc', 'status']);
  const rpcSeconds = metrics.histogram('tochka_rpc_duration_seconds', 'Time to answer an RPC', ['rpc']);
  const events = metrics.counter('tochka_events_consumed_total', 'Event deliveries to this process, by outcome (handled, retry, dead_letter, skipped)', [
    'consumer',
    'type',
    'outcome',
  ]);
  const redeliveries = metrics.counter('tochka_event_redeliveries_total', 'Deliveries of an event that had been delivered before', ['consumer']);
  const deadLetters = metrics.counter('tochka_dead_letters_total', 'Events this process parked on the dead-letter stream', ['consumer']);
  const consumers = new Map<string, { consumer: string; stream: string }>();
  const lag = async (g: Gauge<'consumer' | 'stream'>, field: 'num_pending' | 'num_ack_pending') => {
    g.reset();
    for (const { consumer, stream } of consumers.values()) {
      try {
        const info = await bus.jsm.consumers.info(stream, naming.durableName(consumer));
        g.set({ consumer, stream }, info[field]);
      } catch {
        // NATS unreachable right now: no value rather than a wrong one
      }
    }
  };
  metrics.gauge('tochka_consumer_lag_messages', 'Events in the stream not yet delivered to the durable consumer', ['consumer', 'stream'], (g) =>
    lag(g, 'num_pending'),
  );
  metrics.gauge('tochka_consumer_ack_pending_messages', 'Events delivered to the durable consumer and not yet acknowledged', ['consumer', 'stream'], (g) =>
    lag(g, 'num_ack_pending'),
  );
  metrics.gauge('tochka_outbox_backlog_documents', 'Documents holding events not yet published', [], async (g) => {
    g.set((await bus.outbox.backlog()).documents);
  });
  metrics.gauge('tochka_outbox_oldest_age_seconds', 'Age of the oldest event not yet published (0: none)', [], async (g) => {
    g.set((await bus.outbox.backlog()).oldestAgeSeconds);
  });
  return {
    rpcHandled(rpc, status, seconds) {
      rpcs.inc({ rpc, status: String(status) });
      rpcSeconds.observe({ rpc }, seconds);
    },
    eventDelivered(consumer, type, outcome, redelivery) {
      events.inc({ consumer, type, outcome });
      if (redelivery) redeliveries.inc({ consumer });
      if (outcome === 'dead_letter') deadLetters.inc({ consumer });
    },
    consumerStarted(consumer, stream) {
      consumers.set(`${consumer}|${stream}`, { consumer, stream });
      redeliveries.inc({ consumer }, 0);
      deadLetters.inc({ consumer }, 0);
    },
  };
}
