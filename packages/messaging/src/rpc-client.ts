import { ErrorCode, Msg, headers as natsHeaders, NatsConnection, NatsError } from 'nats';
import { z } from 'zod';
import { DomainError, domainErrorSchema, HEADERS, naming, parseOrThrow, RpcContract, RpcRequest, RpcResponse, ServiceName, tolerant } from '@tochka/contracts';
import { currentContext, currentCorrelationId, newCorrelationId } from './context';
import { injectTrace } from './tracing';
import { outageOf } from './outage';
import { InstanceDirectory } from './affinity';

export const rpcReplySchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), data: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: domainErrorSchema }),
]);
export type RpcReply = z.infer<typeof rpcReplySchema>;

const serviceLabels: Record<ServiceName, string> = {
  agreements: 'Соглашения',
  calendar: 'Календарь',
  registrations: 'Регистрации',
  notifications: 'Уведомления',
  reports: 'Отчёты',
  gateway: 'Шлюз',
};

/** Request/reply over core NATS, validated on both ends by the contract. */
export class RpcClient {
  /** Where requests with an affinity key go (see affinity.ts). */
  private readonly instances: InstanceDirectory;

  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
    private readonly defaultTimeoutMs: number,
    private readonly affinity = true,
  ) {
    this.instances = new InstanceDirectory(nc, prefix);
  }

  /** The live instances of a service this client would route keyed requests to (starts listening on the first call). */
  knownInstances(service: ServiceName): string[] {
    return this.instances.live(service);
  }

  /** Stop listening for instances (the connection is closed by its owner). */
  close(): void {
    this.instances.close();
  }

  /** Requests sent and not yet answered, timed out or abandoned. */
  get inFlight(): number {
    return this.pending;
  }
  private pending = 0;

  /**
   * Ask a service. The wait is the contract's timeout, cut to what the caller of the current
   * request still waits (its context's deadline); the service is told that wait
   * (`x-request-timeout-ms`) and skips the work when it has passed before the work begins. When
   * the caller goes away (the context's signal), the answer is no longer waited for.
   */
  async request<C extends RpcContract>(contract: C, payload: RpcRequest<C>, opts: { timeoutMs?: number } = {}): Promise<RpcResponse<C>> {
    const body = parseOrThrow(contract.request, payload);
    const h = natsHeaders();
    const context = currentContext();
    const label = serviceLabels[contract.service];
    const timedOut = () =>
      new DomainError('service_timeout', `Сервис «${label}» не ответил вовремя. Попробуйте позже.`, 504, undefined, { service: contract.service });
    const left = context?.deadline !== undefined ? context.deadline - Date.now() : Number.POSITIVE_INFINITY;
    if (left <= 0 || context?.signal?.aborted) throw timedOut();
    const timeout = Math.max(1, Math.min(opts.timeoutMs ?? this.defaultTimeoutMs, left));
    h.set(HEADERS.correlationId, context?.correlationId ?? currentCorrelationId() ?? newCorrelationId());
    injectTrace(h);
    h.set(HEADERS.requestTimeout, String(Math.round(timeout)));
    let raw: string;
    this.pending++;
    const key = this.affinity && contract.affinity ? (body as Record<string, unknown>)[contract.affinity] : undefined;
    const instance = typeof key === 'string' ? this.instances.pick(contract.service, key) : undefined;
    const ask = (subject: string) => {
      const answer = this.nc.request(subject, JSON.stringify(body), { timeout, headers: h });
      return context?.signal ? abandonOnAbort(answer, context.signal, timedOut) : answer;
    };
    try {
      const queue = naming.rpcSubject(this.prefix, contract.name);
      let msg: Msg;
      if (instance) {
        try {
          msg = await ask(naming.instanceRpcSubject(this.prefix, contract.name, instance));
        } catch (err) {
          // The chosen instance is gone (nobody took the request): any instance will do.
          if ((err as NatsError).code !== ErrorCode.NoResponders) throw err;
          this.instances.forget(contract.service, instance);
          msg = await ask(queue);
        }
      } else {
        msg = await ask(queue);
      }
      raw = msg.string();
    } catch (err) {
      if (err instanceof DomainError) throw err;
      const code = (err as NatsError).code;
      if (code === ErrorCode.NoResponders) {
        throw new DomainError('service_unavailable', `Сервис «${label}» недоступен. Попробуйте позже.`, 503, undefined, {
          service: contract.service,
        });
      }
      if (code === ErrorCode.Timeout) throw timedOut();
      throw outageOf(err) ?? err;
    } finally {
      this.pending--;
    }
    // Replies are read tolerantly (keys this client does not know yet are dropped); requests stay strict.
    const reply = tolerant(rpcReplySchema).parse(JSON.parse(raw));
    if (!reply.ok) throw DomainError.fromBody(reply.error);
    return tolerant(contract.response).parse(reply.data) as RpcResponse<C>;
  }
}

/** The answer, or the error as soon as the signal aborts (the late answer, if any, is dropped). */
function abandonOnAbort<T>(answer: Promise<T>, signal: AbortSignal, error: () => Error): Promise<T> {
  if (signal.aborted) {
    answer.catch(() => undefined);
    return Promise.reject(error());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(error());
    signal.addEventListener('abort', onAbort, { once: true });
    answer.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
