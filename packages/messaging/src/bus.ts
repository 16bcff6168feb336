import { connect, JetStreamClient, JetStreamManager, NatsConnection } from 'nats';
import { ServiceName } from '@tochka/contracts';
import { BusLogger } from './context';
import { BusMetrics, noBusMetrics } from './metrics';
import { OutboxRelay, OutboxRelayOptions } from './outbox';
import { RpcClient } from './rpc-client';
import { deadLetterStreamConfig, ensureStream, producerStreamConfig, StreamOptions } from './streams';

export interface BusOptions extends StreamOptions {
  url: string;
  /** Client name shown by the NATS server (`agreements`, `gateway`, ...). */
  name: string;
  rpcTimeoutMs: number;
  /** Send requests with an affinity key to the instance it picks (default true; see affinity.ts). */
  rpcAffinity?: boolean;
  relay: Omit<OutboxRelayOptions, 'prefix'>;
}

/** One NATS connection per process, with JetStream, the outbox relay and the RPC client on it. */
export class MessageBus {
  readonly outbox: OutboxRelay;
  readonly rpc: RpcClient;
  /** Where RPCs answered and events delivered are counted (set by packages/runtime). */
  metrics: BusMetrics = noBusMetrics;
  private readonly ensured = new Map<string, Promise<void>>();

  private constructor(
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
    readonly options: BusOptions,
    readonly logger: BusLogger,
  ) {
    this.outbox = new OutboxRelay(js, logger, { prefix: options.prefix, ...options.relay });
    this.rpc = new RpcClient(nc, options.prefix, options.rpcTimeoutMs, options.rpcAffinity ?? true);
  }

  static async connect(options: BusOptions, logger: BusLogger): Promise<MessageBus> {
    const nc = await connectNats(options.url, options.name);
    const jsm = await nc.jetstreamManager();
    const bus = new MessageBus(nc, nc.jetstream(), jsm, options, logger);
    await bus.ensureDeadLetterStream();
    return bus;
  }

  get prefix(): string {
    return this.options.prefix;
  }

  /** Provision the stream a producer publishes to (idempotent; done once per process). */
  ensureProducerStream(producer: ServiceName): Promise<void> {
    return this.once(`producer:${producer}`, () => ensureStream(this.jsm, producerStreamConfig(producer, this.options)));
  }

  ensureDeadLetterStream(): Promise<void> {
    return this.once('dlq', () => ensureStream(this.jsm, deadLetterStreamConfig(this.options)));
  }

  isUp(): boolean {
    return !this.nc.isClosed() && !this.nc.isDraining();
  }

  async close(): Promise<void> {
    await this.outbox.stop();
    this.rpc.close();
    if (!this.nc.isClosed()) await this.nc.drain();
  }

  private once(key: string, fn: () => Promise<void>): Promise<void> {
    let p = this.ensured.get(key);
    if (!p) {
      p = fn().catch((err) => {
        this.ensured.delete(key);
        throw err;
      });
      this.ensured.set(key, p);
    }
    return p;
  }
}

/** A connection to NATS_URL (which may list several servers of a cluster: `nats://a:4222,nats://b:4222`). */
function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({
    servers: url
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    // The client would otherwise build two Error objects (stack traces) for every request, in
    // case it fails: 5 % of the gateway's CPU in a registration burst. Our errors name the subject.
    noAsyncTraces: true,
  });
}

/**
 * Requests only, for a command-line tool (the gateway's `users:create`): no JetStream, so it
 * provisions no stream (a tool run with other settings than the services' must not change theirs).
 */
export async function connectRpcOnly(url: string, name: string, prefix: string, timeoutMs: number): Promise<{ rpc: RpcClient; close(): Promise<void> }> {
  const nc = await connectNats(url, name);
  const rpc = new RpcClient(nc, prefix, timeoutMs, false);
  return {
    rpc,
    close: async () => {
      rpc.close();
      if (!nc.isClosed()) await nc.drain();
    },
  };
}
