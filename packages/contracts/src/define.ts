import { z } from 'zod';

/** Every process on the bus. The gateway produces events too (user accounts). */
export const SERVICE_NAMES = ['agreements', 'calendar', 'registrations', 'notifications', 'reports', 'gateway'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** A domain event that crosses the bus through JetStream (durable, at-least-once). */
export interface EventContract<TName extends string = string, TPayload extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly name: TName;
  readonly version: number;
  /** The service whose stream carries the event. */
  readonly producer: ServiceName;
  readonly payload: TPayload;
  readonly description: string;
}

/** A command or query answered over core NATS request/reply by exactly one service. */
export interface RpcContract<TName extends string = string, TRequest extends z.ZodType = z.ZodType, TResponse extends z.ZodType = z.ZodType> {
  readonly kind: 'rpc';
  readonly name: TName;
  readonly version: number;
  readonly service: ServiceName;
  readonly request: TRequest;
  readonly response: TResponse;
  readonly description: string;
  /**
   * A top-level request field whose value picks the instance: requests with the same value go to
   * the same instance of the service while it lives (rendezvous hashing over the instances the
   * caller has heard from, see `packages/messaging/src/affinity.ts`); without it, any instance of
   * the queue group answers. Only a preference: correctness never depends on it.
   */
  readonly affinity?: string;
}

export type EventPayload<C extends EventContract> = z.output<C['payload']>;
export type RpcRequest<C extends RpcContract> = z.input<C['request']>;
export type RpcResponse<C extends RpcContract> = z.output<C['response']>;

export function defineEvent<const TName extends string, TPayload extends z.ZodType>(
  def: Omit<EventContract<TName, TPayload>, 'kind'>,
): EventContract<TName, TPayload> {
  return { kind: 'event', ...def };
}

export function defineRpc<const TName extends string, TRequest extends z.ZodType, TResponse extends z.ZodType>(
  def: Omit<RpcContract<TName, TRequest, TResponse>, 'kind'>,
): RpcContract<TName, TRequest, TResponse> {
  if (!def.name.startsWith(`${def.service}.`)) {
    throw new Error(`RPC ${def.name} must be named after its service (${def.service}.*)`);
  }
  return { kind: 'rpc', ...def };
}

/** What travels in the body of every JetStream message. */
export const eventEnvelopeSchema = z.strictObject({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  producer: z.enum(SERVICE_NAMES),
  data: z.unknown(),
});
export type EventEnvelope<T = unknown> = Omit<z.infer<typeof eventEnvelopeSchema>, 'data'> & { data: T };

/** NATS subject and stream naming. `prefix` isolates environments and test runs on a shared server. */
export const naming = {
  eventSubject: (prefix: string, eventName: string) => `${prefix}.evt.${eventName}`,
  rpcSubject: (prefix: string, rpcName: string) => `${prefix}.rpc.${rpcName}`,
  /** The same RPC addressed to one instance (requests with an affinity key). */
  instanceRpcSubject: (prefix: string, rpcName: string, instanceId: string) => `${prefix}.rpc.${rpcName}.instance.${instanceId}`,
  /** Where the instances of a service say they are alive (core NATS, every few seconds). */
  presenceSubject: (prefix: string, service: string) => `${prefix}.presence.${service}`,
  deadLetterSubject: (prefix: string, consumer: string) => `${prefix}.dlq.${consumer}`,
  streamName: (prefix: string, producer: ServiceName) => `${sanitize(prefix)}_${producer.toUpperCase()}`,
  deadLetterStream: (prefix: string) => `${sanitize(prefix)}_DLQ`,
  /** Durable consumer of `consumer` on the stream of `producer`. */
  durableName: (consumer: string) => sanitize(consumer),
};

function sanitize(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase();
}

/** Header names shared by HTTP, NATS requests and JetStream messages. */
export const HEADERS = {
  correlationId: 'x-correlation-id',
  /** How long the caller of an RPC waits for its answer (ms): past that, the service writes nothing. */
  requestTimeout: 'x-request-timeout-ms',
  msgId: 'Nats-Msg-Id',
  deadLetterReason: 'x-dead-letter-reason',
  deadLetterError: 'x-dead-letter-error',
  originalSubject: 'x-original-subject',
  deliveries: 'x-deliveries',
} as const;
