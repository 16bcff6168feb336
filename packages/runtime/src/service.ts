import { DynamicModule, Global, INestMicroservice, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Connection } from 'mongoose';
import { z } from 'zod';
import { ServiceName } from '@tochka/contracts';
import { BusServer, MessageBus, PassThroughRpcFilter } from '@tochka/messaging';
import { Clock, systemClock } from './clock';
import { BaseConfig, loadConfig } from './config';
import { createLogger, Logger, NestPinoLogger } from './logger';
import { connectMongo, ensureIndexes, pingMongo } from './mongo';
import { HealthChecks } from './health';
import { instrumentBus, ServiceMetrics } from './metrics';
import { flushTracing, startTracing } from './tracing';
import { BUS, CLOCK, CONFIG, HEALTH, LOGGER, METRICS, MONGO } from './tokens';

export type BackendService = Exclude<ServiceName, 'gateway'>;

/** What every process has: validated config, logger, NATS bus, its Mongo connection, a clock. */
export interface Runtime<C extends BaseConfig = BaseConfig> {
  service: ServiceName;
  config: C;
  logger: Logger;
  bus: MessageBus;
  mongo: Connection;
  clock: Clock;
  health: HealthChecks;
  /** Prometheus registry of this process; served on METRICS_PORT by `serveMetrics`. */
  metrics: ServiceMetrics;
}

@Global()
@Module({})
export class RuntimeModule {
  static forRoot(runtime: Runtime): DynamicModule {
    const providers = [
      { provide: CONFIG, useValue: runtime.config },
      { provide: LOGGER, useValue: runtime.logger },
      { provide: BUS, useValue: runtime.bus },
      { provide: MONGO, useValue: runtime.mongo },
      { provide: CLOCK, useValue: runtime.clock },
      { provide: HEALTH, useValue: runtime.health },
      { provide: METRICS, useValue: runtime.metrics },
    ];
    return { module: RuntimeModule, providers, exports: providers.map((p) => p.provide) };
  }
}

export interface RuntimeOptions<S extends z.ZodType> {
  service: ServiceName;
  configSchema: S;
  /** Values over the environment (tests pass their database names and subject prefix here). */
  overrides?: Record<string, unknown>;
  clock?: Clock;
}

/** Validate config, then connect to Mongo and NATS. */
export async function createRuntime<S extends z.ZodType<BaseConfig>>(opts: RuntimeOptions<S>): Promise<Runtime<z.output<S>>> {
  const config = loadConfig(opts.configSchema, { ...process.env, ...opts.overrides }) as z.output<S>;
  const logger = createLogger(opts.service, config.LOG_LEVEL);
  startTracing(opts.service, config.OTEL_EXPORTER_OTLP_ENDPOINT);
  const mongo = await connectMongo(config.MONGO_URL, config.MONGO_DB ?? `${config.MONGO_DB_PREFIX}_${opts.service}`, config.MONGO_POOL_SIZE);
  try {
    const bus = await MessageBus.connect(
      {
        url: config.NATS_URL,
        name: opts.service,
        prefix: config.SUBJECT_PREFIX,
        storage: config.JETSTREAM_STORAGE,
        duplicateWindowMs: config.EVENT_DEDUPE_WINDOW_MS,
        replicas: config.JETSTREAM_REPLICAS,
        maxAgeMs: config.EVENT_MAX_AGE_MS,
        rpcTimeoutMs: config.RPC_TIMEOUT_MS,
        rpcAffinity: config.RPC_AFFINITY,
        relay: {
          enabled: config.OUTBOX_RELAY_ENABLED,
          sweepIntervalMs: config.OUTBOX_SWEEP_MS,
          groupStaleMs: config.OUTBOX_GROUP_STALE_MS,
          ...(config.OUTBOX_SWEEP_IDLE_MS ? { sweepIdleMs: config.OUTBOX_SWEEP_IDLE_MS } : {}),
        },
      },
      logger,
    );
    const metrics = new ServiceMetrics(opts.service);
    bus.metrics = instrumentBus(metrics, bus);
    return { service: opts.service, config, logger, bus, mongo, clock: opts.clock ?? systemClock, health: new HealthChecks(), metrics };
  } catch (err) {
    await mongo.close();
    throw err;
  }
}

export interface RunningService<C extends BaseConfig = BaseConfig> {
  app: INestMicroservice;
  runtime: Runtime<C>;
  close(): Promise<void>;
}

export interface StartServiceOptions<S extends z.ZodType<BaseConfig>> extends RuntimeOptions<S> {
  service: BackendService;
  /** The service's root feature module. */
  module: Type<unknown>;
}

/** Start one backend service: Nest microservice on the bus transport, indexes built, outbox relay running. */
export async function startService<S extends z.ZodType<BaseConfig>>(opts: StartServiceOptions<S>): Promise<RunningService<z.output<S>>> {
  const runtime = await createRuntime(opts);
  const { bus, logger, mongo, config } = runtime;
  try {
    const app = await NestFactory.createMicroservice(
      { module: class ServiceRootModule {}, imports: [RuntimeModule.forRoot(runtime), opts.module] },
      {
        strategy: new BusServer({
          service: opts.service,
          bus,
          logger,
          consumer: { maxDeliver: config.EVENT_MAX_DELIVER, backoffMs: config.EVENT_BACKOFF_MS, ackWaitMs: config.EVENT_ACK_WAIT_MS },
          health: async () => ({ essential: { mongo: await pingMongo(mongo) }, other: await runtime.health.run() }),
        }),
        logger: new NestPinoLogger(logger),
        // A wiring error must reject (and be reported by runMain or a test), not exit the process.
        abortOnError: false,
      },
    );
    app.useGlobalFilters(new PassThroughRpcFilter());
    await app.init();
    await ensureIndexes(mongo);
    await app.listen();
    bus.outbox.start();
    await serveMetrics(runtime);
    logger.info({ prefix: config.SUBJECT_PREFIX, db: mongo.name, metrics: runtime.metrics.url }, 'service started');
    return {
      app,
      runtime,
      async close() {
        await app.close(); // stops taking requests and events, finishes those in hand
        await bus.close(); // stops the relay, drains NATS
        await mongo.close();
        await runtime.metrics.close();
        await flushTracing();
        logger.info('service stopped');
      },
    };
  } catch (err) {
    await bus.close().catch(() => undefined);
    await mongo.close().catch(() => undefined);
    throw err;
  }
}

/** Serve the process's metrics on METRICS_PORT, when set. */
export async function serveMetrics(runtime: Runtime): Promise<void> {
  if (runtime.config.METRICS_PORT === undefined) return;
  await runtime.metrics.listen(runtime.config.METRICS_PORT, runtime.config.METRICS_HOST);
}

/** Entry point of a process: start, stop gracefully on SIGTERM/SIGINT, exit non-zero on a failed start. */
export function runMain(start: () => Promise<{ close(): Promise<void> }>, timeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000)): void {
  start()
    .then((running) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        setTimeout(() => {
          process.stderr.write(`shutdown after ${signal} took longer than ${timeoutMs} ms; exiting\n`);
          process.exit(1);
        }, timeoutMs).unref();
        running.close().then(
          () => process.exit(0),
          (err) => {
            process.stderr.write(`shutdown failed: ${(err as Error).stack}\n`);
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    })
    .catch((err) => {
      process.stderr.write(`${(err as Error).message}\n`);
      process.exit(1);
    });
}
