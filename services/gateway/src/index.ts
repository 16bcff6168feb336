import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AddressInfo } from 'node:net';
import { Clock, createRuntime, ensureIndexes, NestPinoLogger, Runtime, RuntimeModule, serveMetrics, flushTracing } from '@tochka/runtime';
import { GatewayModule } from './app.module';
import { configSchema, GatewayConfig } from './config';
import { GatewayLifecycle } from './health/health.controller';
import { bodyLimitFor, FileRoutes, jsonBodies } from './http/body';
import { queryLengthLimit, securityHeaders } from './http/security';
import { correlationMiddleware } from './http/correlation.middleware';
import { httpMetricsMiddleware } from './http/metrics.middleware';
import { httpTracingMiddleware } from './http/tracing.middleware';
import { buildOpenApi, controllersOf } from './http/openapi';
import { webApp } from './web/web-app';
import { UsersService } from './users/users.service';
import { feedsFromMemory } from './calendar/ical-feed.controller';
import { IcalFeeds } from './calendar/ical-feeds';

export interface RunningGateway {
  app: NestExpressApplication;
  runtime: Runtime<GatewayConfig>;
  /** Where it listens, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Account administration (seeding, tests). */
  users: UsersService;
  close(): Promise<void>;
}

/** Start the gateway: the only public HTTP entry (REST under /api, iCal under /ical, /health). */
export async function startGateway(opts: { overrides?: Record<string, unknown>; clock?: Clock } = {}): Promise<RunningGateway> {
  const runtime = await createRuntime({ service: 'gateway', configSchema, ...opts });
  const { config, logger, bus, mongo } = runtime;
  if (!process.env.JWT_SECRET && !opts.overrides?.JWT_SECRET && config.NODE_ENV === 'development') {
    logger.warn('JWT_SECRET is not set: using a random secret (development only; tokens end with the process)');
  }
  try {
    await bus.ensureProducerStream('gateway');
    const app = await NestFactory.create<NestExpressApplication>(
      { module: class GatewayRootModule {}, imports: [RuntimeModule.forRoot(runtime), GatewayModule] },
      { logger: new NestPinoLogger(logger), bodyParser: false, abortOnError: false },
    );
    app.disable('x-powered-by');
    if (config.TRUST_PROXY) app.set('trust proxy', config.TRUST_PROXY);
    app.use(correlationMiddleware(logger));
    app.use(httpMetricsMiddleware(runtime.metrics));
    app.use(httpTracingMiddleware());
    for (const handler of securityHeaders()) app.use(handler);
    app.use(feedsFromMemory(app.get(IcalFeeds)));
    // CORS is closed unless CORS_ORIGINS names the origins allowed to call the API from a browser.
    if (config.CORS_ORIGINS.length) {
      app.enableCors({ origin: config.CORS_ORIGINS, exposedHeaders: ['Retry-After', 'X-Correlation-Id', 'Idempotent-Replayed', 'ETag'], maxAge: 600 });
    }
    app.use(queryLengthLimit());
    const fileRoutes: FileRoutes = new FileRoutes();
    app.use(jsonBodies(logger, bodyLimitFor, fileRoutes));
    // Before init: Nest's not-found handler is installed by init and would shadow later routes.
    const openApi = openApiDocument(config.PUBLIC_URL);
    // Routes that take a file (XLSX) read their own body; every other body is JSON.
    fileRoutes.learn(openApi.paths);
    SwaggerModule.setup('api/docs', app, openApi as never, {
      jsonDocumentUrl: 'api/docs-json',
    });
    // The web app (static files, SPA fallback) for every path the routes above do not own.
    app.use(webApp(config.WEB_DIST, logger));
    await app.init();
    await ensureIndexes(mongo);
    // An options object reaches http.Server#listen as is (reusePort: Node >= 22.12, Linux).
    await app.listen({ port: config.PORT, host: config.HOST, reusePort: config.GATEWAY_REUSE_PORT } as never);
    bus.outbox.start();
    await serveMetrics(runtime);
    const address = app.getHttpServer().address() as AddressInfo;
    const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${address.port}`;
    logger.info({ url, prefix: config.SUBJECT_PREFIX, metrics: runtime.metrics.url }, 'gateway listening');
    return {
      app,
      runtime,
      url,
      users: app.get(UsersService),
      async close() {
        app.get(GatewayLifecycle).draining = true;
        if (config.GATEWAY_DRAIN_MS > 0) await new Promise((r) => setTimeout(r, config.GATEWAY_DRAIN_MS));
        // Stops taking connections, lets the requests in hand finish (their NATS replies still
        // arrive: the bus closes after), then closes idle keep-alive connections.
        await app.close();
        await bus.close();
        await mongo.close();
        await runtime.metrics.close();
        await flushTracing();
      },
    };
  } catch (err) {
    await bus.close().catch(() => undefined);
    await mongo.close().catch(() => undefined);
    throw err;
  }
}

/** The gateway's OpenAPI document, built from its routes' metadata alone (no NATS, no MongoDB). */
export function openApiDocument(publicUrl = 'http://localhost:8080') {
  return buildOpenApi(controllersOf(GatewayModule), publicUrl, '0.1.0');
}

export { UsersService, createUser } from './users/users.service';
export { IcalFeeds } from './calendar/ical-feeds';
export { userModel } from './users/user.model';
export { runCli } from './cli';
