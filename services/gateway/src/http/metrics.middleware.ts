import type { NextFunction, Request, Response } from 'express';
import { ServiceMetrics } from '@tochka/runtime';

/**
 * HTTP requests by method, route pattern (`/api/events/:id`, never the raw path: bounded
 * cardinality; `unmatched` for what no route owns) and status, with latency histograms.
 */
export function httpMetricsMiddleware(metrics: ServiceMetrics) {
  const requests = metrics.counter('tochka_http_requests_total', 'HTTP requests answered by the gateway', ['method', 'route', 'status']);
  const seconds = metrics.histogram('tochka_http_request_duration_seconds', 'Time to answer an HTTP request', ['method', 'route', 'status']);
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    res.on('finish', () => {
      const pattern = (req.route as { path?: string } | undefined)?.path;
      const route = typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : 'unmatched';
      const labels = { method: req.method, route, status: String(res.statusCode) };
      requests.inc(labels);
      seconds.observe(labels, (performance.now() - started) / 1000);
    });
    next();
  };
}
