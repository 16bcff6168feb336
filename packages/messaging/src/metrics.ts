/**
 * What the bus reports to whoever counts (packages/runtime's Prometheus registry). The bus itself
 * depends on no metrics library: without a sink every call is a no-op.
 */
export type EventOutcome = 'handled' | 'retry' | 'dead_letter' | 'skipped';

export interface BusMetrics {
  /** One RPC answered by this process: its name, the HTTP-like status, how long it took. */
  rpcHandled(rpc: string, status: number, seconds: number): void;
  /** One delivery of an event to this process's durable consumer, and what became of it. */
  eventDelivered(consumer: string, type: string, outcome: EventOutcome, redelivery: boolean): void;
  /** A durable consumer started (its series exist from then on, at zero). */
  consumerStarted(consumer: string, stream: string): void;
}

export const noBusMetrics: BusMetrics = {
  rpcHandled: () => undefined,
  eventDelivered: () => undefined,
  consumerStarted: () => undefined,
};
