/**
 * OpenTelemetry spans across the bus: the W3C `traceparent` travels in NATS headers beside the
 * correlation id — RPC requests, JetStream events (stored with the event in the outbox, so a
 * trace survives the write-then-publish gap) — and each RPC answered and event handled is a span
 * of that trace. Only @opentelemetry/api here: until packages/runtime registers a tracer
 * provider and propagator (OTEL_EXPORTER_OTLP_ENDPOINT set) every call is a no-op.
 */
import { Context, context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { MsgHdrs } from 'nats';

export { SpanKind };

const tracer = () => trace.getTracer('tochka');

/** Put the active trace context into NATS headers (nothing while tracing is off). */
export function injectTrace(h: MsgHdrs): void {
  propagation.inject(context.active(), h, { set: (carrier, key, value) => carrier.set(key, value) });
}

/** The trace context a message carries (or the active one when it carries none). */
export function extractTrace(h: MsgHdrs | undefined): Context {
  if (!h) return context.active();
  return propagation.extract(context.active(), h, {
    get: (carrier, key) => carrier.get(key) || undefined,
    keys: (carrier) => carrier.keys(),
  });
}

/** The active context as a `traceparent` value to store with a record (undefined when off). */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** The context a stored `traceparent` stands for. */
export function contextOf(traceparent: string | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : context.active();
}

/** Run `fn` in a span named `name`, child of `parent`; errors mark the span and go on. */
export function inSpan<T>(name: string, kind: SpanKind, parent: Context, attributes: Record<string, string | number>, fn: () => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { kind, attributes }, parent, async (span) => {
    try {
      return await fn();
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}
