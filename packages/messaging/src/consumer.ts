import { AckPolicy, ConsumerConfig, ConsumerMessages, DeliverPolicy, headers as natsHeaders, JetStreamClient, JetStreamManager, JsMsg, nanos } from 'nats';
import { eventContract, eventEnvelopeSchema, EventEnvelope, HEADERS, naming, ServiceName, tolerant } from '@tochka/contracts';
import { BusLogger, runWithContext } from './context';
import { BusMetrics, noBusMetrics } from './metrics';
import { extractTrace, inSpan, SpanKind } from './tracing';

export type EventHandlerFn = (data: unknown, envelope: EventEnvelope) => Promise<void>;

export interface ConsumerOptions {
  prefix: string;
  /** The consuming service: names the durable consumer and its dead-letter subject. */
  consumer: string;
  /** Deliveries before a failing message is dead-lettered. */
  maxDeliver: number;
  /** Delay before the n-th redelivery (the last value repeats). */
  backoffMs: number[];
  ackWaitMs: number;
  /** Deliveries, retries and dead letters are counted here. */
  metrics?: BusMetrics;
}

/**
 * One durable pull consumer of one producer's stream. Messages are handled one at a time per
 * instance (in stream order); several instances share the consumer and split the work.
 * - payloads are read tolerantly: keys the contract does not know are dropped, not refused, so a
 *   producer may add a field before this consumer is redeployed (README, Decisions: evolving contracts);
 * - a payload its contract rejects goes straight to the dead-letter subject, the rest keep flowing;
 * - a handler that throws is redelivered with backoff (`nak(delay)`) up to `maxDeliver`, then dead-lettered;
 * - events nobody here handles are acknowledged and skipped, and so are other versions of a
 *   handled event (a breaking change is published as a new version beside the old one).
 */
export class DurableEventConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly logger: BusLogger,
    private readonly options: ConsumerOptions,
    private readonly producer: ServiceName,
    private readonly handlers: ReadonlyMap<string, EventHandlerFn>,
  ) {}

  get stream(): string {
    return naming.streamName(this.options.prefix, this.producer);
  }

  async start(): Promise<void> {
    const durable = naming.durableName(this.options.consumer);
    await ensureConsumer(this.jsm, this.stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(this.options.ackWaitMs),
      max_deliver: this.options.maxDeliver,
      max_ack_pending: 1000,
    });
    const consumer = await this.js.consumers.get(this.stream, durable);
    this.metrics.consumerStarted(this.options.consumer, this.stream);
    this.messages = await consumer.consume({ max_messages: 16 });
    const messages = this.messages;
    this.loop = (async () => {
      for await (const msg of messages) {
        await this.handle(msg);
      }
    })().catch((err: Error) => this.logger.error({ err: err.message, stream: this.stream }, 'consumer loop stopped'));
  }

  private get metrics(): BusMetrics {
    return this.options.metrics ?? noBusMetrics;
  }

  /** Stop pulling, let the message in hand finish. */
  async stop(): Promise<void> {
    this.messages?.stop();
    await this.loop;
  }

  private async handle(msg: JsMsg): Promise<void> {
    const correlationId = msg.headers?.get(HEADERS.correlationId) || undefined;
    let envelope: EventEnvelope;
    let data: unknown;
    try {
      envelope = tolerant(eventEnvelopeSchema).parse(JSON.parse(msg.string())) as EventEnvelope;
      const handler = this.handlers.get(envelope.type);
      const contract = eventContract(envelope.type);
      if (!handler || !contract || contract.version !== envelope.version) {
        msg.ack();
        this.metrics.eventDelivered(this.options.consumer, envelope.type, 'skipped', msg.info.redeliveryCount > 1);
        return;
      }
      data = tolerant(contract.payload).parse(envelope.data);
    } catch (err) {
      await this.deadLetter(msg, 'invalid_payload', err as Error);
      this.metrics.eventDelivered(this.options.consumer, 'unreadable', 'dead_letter', msg.info.redeliveryCount > 1);
      return;
    }
    const handler = this.handlers.get(envelope.type)!;
    const deliveries = msg.info.redeliveryCount; // 1 on the first delivery
    try {
      await runWithContext({ correlationId: correlationId ?? envelope.id }, () =>
        inSpan(
          `event ${envelope.type}`,
          SpanKind.CONSUMER,
          extractTrace(msg.headers),
          { 'messaging.consumer': this.options.consumer, 'messaging.message.id': envelope.id, 'tochka.service': this.options.consumer },
          () => handler(data, envelope),
        ),
      );
      msg.ack();
      this.metrics.eventDelivered(this.options.consumer, envelope.type, 'handled', deliveries > 1);
    } catch (err) {
      const error = err as Error;
      if (deliveries >= this.options.maxDeliver) {
        await this.deadLetter(msg, 'handler_failed', error);
        this.metrics.eventDelivered(this.options.consumer, envelope.type, 'dead_letter', deliveries > 1);
        return;
      }
      this.metrics.eventDelivered(this.options.consumer, envelope.type, 'retry', deliveries > 1);
      const delay = this.options.backoffMs[Math.min(deliveries - 1, this.options.backoffMs.length - 1)] ?? 1000;
      this.logger.warn(
        { event: envelope.type, eventId: envelope.id, deliveries, retryInMs: delay, err: error.message, correlationId },
        'event handler failed; will redeliver',
      );
      msg.nak(delay);
    }
  }

  private async deadLetter(msg: JsMsg, reason: string, error: Error): Promise<void> {
    const h = natsHeaders();
    h.set(HEADERS.deadLetterReason, reason);
    h.set(HEADERS.deadLetterError, error.message.slice(0, 1000).replace(/[\r\n]+/g, ' '));
    h.set(HEADERS.originalSubject, msg.subject);
    h.set(HEADERS.deliveries, String(msg.info.redeliveryCount));
    const correlationId = msg.headers?.get(HEADERS.correlationId);
    if (correlationId) h.set(HEADERS.correlationId, correlationId);
    try {
      await this.js.publish(naming.deadLetterSubject(this.options.prefix, this.options.consumer), msg.data, {
        headers: h,
        msgID: `${this.options.consumer}:${this.stream}:${msg.info.streamSequence}`,
      });
      this.logger.error(
        { reason, err: error.message, subject: msg.subject, seq: msg.info.streamSequence, deliveries: msg.info.redeliveryCount },
        'event dead-lettered',
      );
      msg.term();
    } catch (err) {
      // Could not park it: leave it to be redelivered rather than lose it.
      this.logger.error({ err: (err as Error).message }, 'dead-letter publish failed');
      msg.nak(5000);
    }
  }
}

async function ensureConsumer(jsm: JetStreamManager, stream: string, config: Partial<ConsumerConfig> & { durable_name: string }) {
  try {
    const info = await jsm.consumers.info(stream, config.durable_name);
    const c = info.config;
    if (c.ack_wait !== config.ack_wait || c.max_deliver !== config.max_deliver) {
      await jsm.consumers.update(stream, config.durable_name, { ack_wait: config.ack_wait, max_deliver: config.max_deliver });
    }
  } catch {
    try {
      await jsm.consumers.add(stream, config);
    } catch (err) {
      if (!/already (exists|in use)/i.test((err as Error).message)) throw err;
    }
  }
}
