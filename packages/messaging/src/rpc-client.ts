import { ErrorCode, headers as natsHeaders, NatsConnection, NatsError } from 'nats';
import { z } from 'zod';
import { DomainError, domainErrorSchema, HEADERS, naming, parseOrThrow, RpcContract, RpcRequest, RpcResponse, ServiceName, tolerant } from '@tochka/contracts';
import { currentCorrelationId, newCorrelationId } from './context';
import { injectTrace } from './tracing';
import { outageOf } from './outage';

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
  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
    private readonly defaultTimeoutMs: number,
  ) {}

  async request<C extends RpcContract>(contract: C, payload: RpcRequest<C>, opts: { timeoutMs?: number } = {}): Promise<RpcResponse<C>> {
    const body = parseOrThrow(contract.request, payload);
    const h = natsHeaders();
    const timeout = opts.timeoutMs ?? this.defaultTimeoutMs;
    h.set(HEADERS.correlationId, currentCorrelationId() ?? newCorrelationId());
    injectTrace(h);
    h.set(HEADERS.requestTimeout, String(timeout));
    let raw: string;
    try {
      const msg = await this.nc.request(naming.rpcSubject(this.prefix, contract.name), JSON.stringify(body), {
        timeout,
        headers: h,
      });
      raw = msg.string();
    } catch (err) {
      const code = (err as NatsError).code;
      const label = serviceLabels[contract.service];
      if (code === ErrorCode.NoResponders) {
        throw new DomainError('service_unavailable', `Сервис «${label}» недоступен. Попробуйте позже.`, 503, undefined, {
          service: contract.service,
        });
      }
      if (code === ErrorCode.Timeout) {
        throw new DomainError('service_timeout', `Сервис «${label}» не ответил вовремя. Попробуйте позже.`, 504, undefined, {
          service: contract.service,
        });
      }
      throw outageOf(err) ?? err;
    }
    // Replies are read tolerantly (keys this client does not know yet are dropped); requests stay strict.
    const reply = tolerant(rpcReplySchema).parse(JSON.parse(raw));
    if (!reply.ok) throw DomainError.fromBody(reply.error);
    return tolerant(contract.response).parse(reply.data) as RpcResponse<C>;
  }
}
