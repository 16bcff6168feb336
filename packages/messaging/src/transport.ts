import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { CustomTransportStrategy, EventPattern, MessageHandler, MessagePattern, Server } from '@nestjs/microservices';
import { Msg, Subscription } from 'nats';
import { lastValueFrom, Observable, throwError } from 'rxjs';
import { z } from 'zod';
import {
  CheckState,
  DomainError,
  DomainErrorBody,
  errors,
  eventContract,
  EventContract,
  EventEnvelope,
  fieldErrorsOf,
  HEADERS,
  healthRpc,
  naming,
  parseOrThrow,
  rpcContract,
  RpcContract,
  ServiceName,
} from '@tochka/contracts';
import { newInstanceId, PresenceBeacon } from './affinity';
import { MessageBus } from './bus';
import { BusLogger, callerGone, newCorrelationId, runWithContext } from './context';
import { ConsumerOptions, DurableEventConsumer, EventHandlerFn } from './consumer';
import { RpcReply } from './rpc-client';
import { extractTrace, inSpan, SpanKind } from './tracing';
import { outageOf } from './outage';

/** Our transport id: handlers bound with it are served by BusServer only. */
export const BUS_TRANSPORT = Symbol('tochka-bus');

/** Handle a request/reply contract: `@OnRequest(agreementRpcs.create)`. */
export const OnRequest = (contract: RpcContract) => MessagePattern(contract.name, BUS_TRANSPORT);
/** Consume a domain event durably through JetStream: `@OnEvent(agreementEvents.activated)`. */
export const OnEvent = (contract: EventContract) => EventPattern(contract.name, BUS_TRANSPORT);

/** Context passed as the second handler argument (`@Ctx()`). */
export interface RequestMeta {
  correlationId: string;
}

export interface BusServerOptions {
  service: Exclude<ServiceName, 'gateway'>;
  bus: MessageBus;
  logger: BusLogger;
  consumer: Omit<ConsumerOptions, 'prefix' | 'consumer'>;
  /**
   * Dependency checks for `<service>.health`: without an essential one (MongoDB; NATS is checked
   * here) the service is down, without another one degraded.
   */
  health: () => Promise<{ essential: Record<string, CheckState>; other: Record<string, CheckState> }>;
}

/**
 * The Nest transport every service runs on. Nest's built-in NATS transport answers
 * request/reply but cannot prefix subjects per environment, validate contracts or consume
 * JetStream durably; this strategy does all three on one connection:
 * - `@OnRequest` handlers: core NATS request/reply in a queue group (one instance answers);
 * - `@OnEvent` handlers: one durable JetStream consumer per producer stream;
 * - `<service>.health` answered by the strategy itself.
 */
export class BusServer extends Server implements CustomTransportStrategy {
  override transportId = BUS_TRANSPORT;
  private readonly subscriptions: Subscription[] = [];
  private readonly consumers: DurableEventConsumer[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Says this instance is alive while it answers RPCs with an affinity key (see affinity.ts). */
  private beacon?: PresenceBeacon;
  private readonly instanceId = newInstanceId();
  /** Requests not begun because their caller's wait had passed (for tests and diagnostics). */
  skipped = 0;

  constructor(private readonly options: BusServerOptions) {
    super();
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (err) {
      callback(err);
    }
  }

  private async start(): Promise<void> {
    const { bus, service } = this.options;
    await bus.ensureProducerStream(service);

    const eventHandlers = new Map<ServiceName, Map<string, EventHandlerFn>>();
    for (const [pattern, handler] of this.messageHandlers) {
      if (handler.isEventHandler) {
        const contract = eventContract(pattern);
        if (!contract) throw new Error(`@OnEvent(${pattern}): no such event contract`);
        const byProducer = eventHandlers.get(contract.producer) ?? new Map<string, EventHandlerFn>();
        byProducer.set(pattern, async (data, envelope) => {
          await this.invoke(handler, data, envelope);
        });
        eventHandlers.set(contract.producer, byProducer);
      } else {
        const contract = rpcContract(pattern);
        if (!contract || contract.service !== service) throw new Error(`@OnRequest(${pattern}): not a ${service} RPC contract`);
        this.serve(contract, (request, meta) => this.invoke(handler, request, meta));
      }
    }
    this.serve(healthRpc(service), async () => {
      const { essential, other } = await this.options.health();
      const core: Record<string, CheckState> = { nats: bus.isUp() ? 'up' : 'down', ...essential };
      const failing = (checks: Record<string, CheckState>) => Object.values(checks).includes('down');
      return { service, status: failing(core) ? 'down' : failing(other) ? 'degraded' : 'up', checks: { ...core, ...other } };
    });

    // Ready means reachable: the server has registered every subscription before listen() returns.
    await bus.nc.flush();
    if (this.beacon) this.beacon.start();

    for (const [producer, handlers] of eventHandlers) {
      await bus.ensureProducerStream(producer);
      const consumer = new DurableEventConsumer(
        bus.js,
        bus.jsm,
        this.options.logger,
        { ...this.options.consumer, prefix: bus.prefix, consumer: service, metrics: bus.metrics },
        producer,
        handlers,
      );
      await consumer.start();
      this.consumers.push(consumer);
    }
  }

  /** Stop taking work and wait for what is in hand; the NATS connection itself is closed by its owner. */
  async close(): Promise<void> {
    this.beacon?.stop();
    for (const sub of this.subscriptions) sub.unsubscribe();
    await Promise.all(this.consumers.map((c) => c.stop()));
    await Promise.allSettled([...this.inFlight]);
  }

  on(): void {
    // No transport-level events to expose.
  }

  unwrap<T>(): T {
    return this.options.bus.nc as T;
  }

  private async invoke(handler: MessageHandler, data: unknown, meta: unknown): Promise<unknown> {
    const result = this.transformToObservable(await handler(data, meta)) as Observable<unknown>;
    return lastValueFrom(result, { defaultValue: undefined });
  }

  private serve(contract: RpcContract, fn: (request: unknown, meta: RequestMeta) => Promise<unknown>): void {
    const { bus, service } = this.options;
    const callback = (err: Error | null, msg: Msg) => {
      if (err) return;
      const work = this.answer(contract, msg, fn).finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    };
    this.subscriptions.push(bus.nc.subscribe(naming.rpcSubject(bus.prefix, contract.name), { queue: `${bus.prefix}.${service}`, callback }));
    if (contract.affinity) {
      // Requests whose key the callers route to this instance (the queue group above takes the rest).
      this.subscriptions.push(bus.nc.subscribe(naming.instanceRpcSubject(bus.prefix, contract.name, this.instanceId), { callback }));
      this.beacon ??= new PresenceBeacon(bus.nc, bus.prefix, service, this.instanceId);
    }
  }

  private async answer(contract: RpcContract, msg: Msg, fn: (request: unknown, meta: RequestMeta) => Promise<unknown>) {
    const correlationId = msg.headers?.get(HEADERS.correlationId) || newCorrelationId();
    const header = msg.headers?.get(HEADERS.requestTimeout);
    const waits = header ? Number(header) : Number.NaN;
    // The caller's patience, counted from when the request arrived here (no clocks compared across
    // machines); a wait of 0 or less says the caller had already given up when it was sent.
    const deadline = Number.isFinite(waits) ? Date.now() + waits : undefined;
    await runWithContext({ correlationId, ...(deadline ? { deadline } : {}) }, () =>
      inSpan(
        `rpc ${contract.name}`,
        SpanKind.SERVER,
        extractTrace(msg.headers),
        { 'rpc.method': contract.name, 'tochka.service': this.options.service },
        async () => {
          const started = performance.now();
          let reply: RpcReply;
          try {
            // Work nobody waits for any more is not begun (it may have queued behind other work here).
            if (deadline !== undefined && Date.now() >= deadline) {
              this.skipped++;
              throw callerGone();
            }
            const body = msg.data.length ? JSON.parse(msg.string()) : {};
            const request = parseOrThrow(contract.request, body);
            const result = await fn(request, { correlationId });
            const checked = contract.response.safeParse(result);
            if (!checked.success) {
              this.options.logger.error({ rpc: contract.name, issues: checked.error.issues }, 'handler returned a response its contract rejects');
              throw errors.internal();
            }
            reply = { ok: true, data: checked.data };
          } catch (err) {
            reply = { ok: false, error: toErrorBody(err, this.options.logger, contract.name) };
          }
          if (msg.reply) msg.respond(JSON.stringify(reply));
          this.options.bus.metrics.rpcHandled(contract.name, reply.ok ? 200 : reply.error.status, (performance.now() - started) / 1000);
          this.options.logger.info(
            { rpc: contract.name, status: reply.ok ? 200 : reply.error.status, ms: Math.round(performance.now() - started) },
            'rpc handled',
          );
        },
      ),
    );
  }
}

export function toErrorBody(err: unknown, logger: BusLogger, where: string): DomainErrorBody {
  if (err instanceof DomainError) return err.toBody();
  if (err instanceof z.ZodError) return errors.validation(fieldErrorsOf(err)).toBody();
  const outage = outageOf(err);
  if (outage) {
    logger.warn({ where, err: (err as Error).message, code: outage.code }, 'dependency unavailable');
    return outage.toBody();
  }
  const e = err as Error;
  logger.error({ where, err: e?.message, stack: e?.stack }, 'unexpected error');
  return errors.internal().toBody();
}

/**
 * Nest wraps handlers in its RPC exception filter, which turns every error that is not an
 * RpcException into "Internal server error". We keep the original error so BusServer can tell
 * a DomainError (the user's problem, with its Russian message) from a bug.
 */
@Catch()
export class PassThroughRpcFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

export type { EventEnvelope };
