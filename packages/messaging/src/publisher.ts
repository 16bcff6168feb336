import { randomUUID } from 'node:crypto';
import { headers as natsHeaders, JetStreamClient } from 'nats';
import { EventContract, EventEnvelope, EventPayload, HEADERS, naming, ServiceName } from '@tochka/contracts';
import { currentCorrelationId } from './context';
import { currentTraceparent } from './tracing';

/** An event ready to publish: validated by its contract, with its id fixed for dedupe. */
export interface PendingEvent {
  id: string;
  type: string;
  version: number;
  occurredAt: Date;
  producer: ServiceName;
  data: unknown;
  correlationId?: string;
  /** W3C trace context of the write that produced it (tracing on). */
  traceparent?: string;
}

/** Build an event from its contract; the payload is validated here, on the sender's side. */
export function createEvent<C extends EventContract>(
  contract: C,
  data: EventPayload<C>,
  opts: { occurredAt?: Date; correlationId?: string } = {},
): PendingEvent {
  const parsed = contract.payload.parse(data);
  return {
    id: randomUUID(),
    type: contract.name,
    version: contract.version,
    occurredAt: opts.occurredAt ?? new Date(),
    producer: contract.producer,
    data: parsed,
    ...((opts.correlationId ?? currentCorrelationId()) ? { correlationId: opts.correlationId ?? currentCorrelationId() } : {}),
    ...(currentTraceparent() ? { traceparent: currentTraceparent() } : {}),
  };
}

export function toEnvelope(event: PendingEvent): EventEnvelope {
  return {
    id: event.id,
    type: event.type,
    version: event.version,
    occurredAt: new Date(event.occurredAt).toISOString(),
    producer: event.producer,
    data: event.data,
  };
}

/** Publish to JetStream with `Nats-Msg-Id` = event id, so a republished event is stored once. */
export async function publishEvent(js: JetStreamClient, prefix: string, event: PendingEvent): Promise<{ duplicate: boolean }> {
  const h = natsHeaders();
  if (event.correlationId) h.set(HEADERS.correlationId, event.correlationId);
  if (event.traceparent) h.set('traceparent', event.traceparent);
  const ack = await js.publish(naming.eventSubject(prefix, event.type), JSON.stringify(toEnvelope(event)), {
    msgID: event.id,
    headers: h,
  });
  return { duplicate: ack.duplicate };
}
