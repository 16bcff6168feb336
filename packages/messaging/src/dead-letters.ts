import { headers as natsHeaders, JetStreamClient, JetStreamManager, StoredMsg } from 'nats';
import { HEADERS, naming } from '@tochka/contracts';

/** One message parked on the dead-letter stream, as an operator needs to judge it. */
export interface DeadLetter {
  /** Its sequence number in the dead-letter stream: what `replay` takes. */
  seq: number;
  /** When it was parked. */
  at: Date;
  /** The consumer (service) that gave up on it. */
  consumer: string;
  originalSubject: string;
  reason: string;
  error: string;
  deliveries: number;
  eventId?: string;
  eventType?: string;
  correlationId?: string;
}

export interface DeadLetterStream {
  js: JetStreamClient;
  jsm: JetStreamManager;
  prefix: string;
}

/** Every message on the dead-letter stream, oldest first. */
export async function listDeadLetters({ jsm, prefix }: DeadLetterStream): Promise<DeadLetter[]> {
  const stream = naming.deadLetterStream(prefix);
  const info = await jsm.streams.info(stream).catch(() => undefined);
  if (!info || info.state.messages === 0) return [];
  const out: DeadLetter[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
    const msg = await jsm.streams.getMessage(stream, { seq }).catch(() => undefined);
    if (msg) out.push(describe(prefix, msg)); // else: replayed (deleted) already
  }
  return out;
}

export type ReplayOutcome = { seq: number; replayed: true; subject: string } | { seq: number; replayed: false; problem: string };

/**
 * Put dead letters back on the subjects they came from, then remove them from the dead-letter
 * stream. The body is the original envelope (same event id, so handlers that dedupe still do);
 * the message id is new per dead letter, so JetStream does not drop it as the original's repeat,
 * and replaying the same dead letter twice within the duplicate window publishes it once. Every
 * consumer of that stream receives it again: handlers are idempotent (read models keep the latest
 * version, notifications key mails by event).
 */
export async function replayDeadLetters({ js, jsm, prefix }: DeadLetterStream, seqs: number[]): Promise<ReplayOutcome[]> {
  const stream = naming.deadLetterStream(prefix);
  const outcomes: ReplayOutcome[] = [];
  for (const seq of seqs) {
    const msg = await jsm.streams.getMessage(stream, { seq }).catch(() => undefined);
    if (!msg) {
      outcomes.push({ seq, replayed: false, problem: 'нет такого сообщения в очереди недоставленных' });
      continue;
    }
    const subject = msg.header?.get(HEADERS.originalSubject);
    if (!subject?.startsWith(`${prefix}.evt.`)) {
      outcomes.push({ seq, replayed: false, problem: 'не указан исходный субъект события' });
      continue;
    }
    const h = natsHeaders();
    const correlationId = msg.header?.get(HEADERS.correlationId);
    if (correlationId) h.set(HEADERS.correlationId, correlationId);
    await js.publish(subject, msg.data, { headers: h, msgID: `${eventIdOf(msg) ?? 'dead-letter'}:replay:${seq}` });
    await jsm.streams.deleteMessage(stream, seq);
    outcomes.push({ seq, replayed: true, subject });
  }
  return outcomes;
}

function describe(prefix: string, msg: StoredMsg): DeadLetter {
  const header = (name: string) => msg.header?.get(name) || undefined;
  const envelope = parseEnvelope(msg);
  return {
    seq: msg.seq,
    at: msg.time,
    consumer: msg.subject.slice(naming.deadLetterSubject(prefix, '').length),
    originalSubject: header(HEADERS.originalSubject) ?? '',
    reason: header(HEADERS.deadLetterReason) ?? '',
    error: header(HEADERS.deadLetterError) ?? '',
    deliveries: Number(header(HEADERS.deliveries) ?? 0),
    ...(envelope?.id ? { eventId: envelope.id } : {}),
    ...(envelope?.type ? { eventType: envelope.type } : {}),
    ...(header(HEADERS.correlationId) ? { correlationId: header(HEADERS.correlationId) } : {}),
  };
}

function parseEnvelope(msg: StoredMsg): { id?: string; type?: string } | undefined {
  try {
    const parsed = JSON.parse(msg.string()) as { id?: unknown; type?: unknown };
    return { ...(typeof parsed.id === 'string' ? { id: parsed.id } : {}), ...(typeof parsed.type === 'string' ? { type: parsed.type } : {}) };
  } catch {
    return undefined; // not even JSON: still listed, by its headers
  }
}

function eventIdOf(msg: StoredMsg): string | undefined {
  return parseEnvelope(msg)?.id;
}
