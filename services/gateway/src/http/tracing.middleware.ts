import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';

/**
 * One server span per HTTP request, child of the caller's `traceparent` if it sends one, named by
 * method and route pattern; what the request does over NATS joins it (packages/messaging). A
 * no-op unless tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT).
 */
export function httpTracingMiddleware() {
  const tracer = trace.getTracer('tochka');
  return (req: Request, res: Response, next: NextFunction) => {
    const parent = propagation.extract(context.active(), req.headers, {
      get: (h, key) => {
        const v = h[key];
        return Array.isArray(v) ? v[0] : v;
      },
      keys: (h) => Object.keys(h),
    });
    const span = tracer.startSpan(
      `${req.method}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'tochka.service': 'gateway' } },
      parent,
    );
    res.on('finish', () => {
      const pattern = (req.route as { path?: string } | undefined)?.path;
      const route = typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : 'unmatched';
      span.updateName(`${req.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': res.statusCode });
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
