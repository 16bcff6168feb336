/**
 * Helpers for fault tests: a client that sends a request again (same Idempotency-Key) until it is
 * accepted, a tally of every answer, waits that say what they waited for, and deadlines derived
 * from what this machine measured (a loaded CI machine gets longer ones, never endless ones).
 */
import { ApiResponse } from './api';

/** Every answer a fault test saw, by status (0: no answer, the connection was lost). */
export class AnswerTally {
  readonly byStatus = new Map<number, number>();
  /** 500 answers (never allowed) with their bodies, for the failure message. */
  readonly fiveHundreds: string[] = [];
  /** 503 answers without Retry-After (a 503 must say when to come back). */
  readonly withoutRetryAfter: string[] = [];

  record(label: string, res: ApiResponse | undefined): void {
    const status = res?.status ?? 0;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    if (!res) return;
    if (status >= 500 && status !== 503 && status !== 504) this.fiveHundreds.push(`${label}: ${status} ${res.text.slice(0, 300)}`);
    if (status === 503 && !res.headers.get('retry-after')) this.withoutRetryAfter.push(`${label}: 503 ${res.text.slice(0, 200)}`);
  }

  get total(): number {
    let n = 0;
    for (const v of this.byStatus.values()) n += v;
    return n;
  }

  /** Answers with this status (or any of these). */
  count(...statuses: number[]): number {
    return statuses.reduce((n, s) => n + (this.byStatus.get(s) ?? 0), 0);
  }

  /** 5xx of any kind (503/504 included: they are allowed during an outage, and counted). */
  get serverErrors(): number {
    let n = 0;
    for (const [s, v] of this.byStatus) if (s >= 500) n += v;
    return n;
  }

  /** `201×57 503×3 0×1` */
  toString(): string {
    return [...this.byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
  }
}

export interface SendOptions {
  /** Give up (and throw, naming `label`) this many ms after the first attempt. */
  deadlineMs: number;
  /** Statuses that mean "accepted"; default 200 and 201. */
  accepted?: readonly number[];
  /** Every answer is recorded here. */
  tally?: AnswerTally;
  /** First pause between attempts; doubles up to 2 s. Default 200 ms. */
  firstPauseMs?: number;
}

/**
 * Send until accepted: after a 503/504, a 502, a 500 (recorded, and the test will fail on it) or a
 * lost connection, wait (backoff, 200 ms doubling to 2 s) and send again — the caller's `send`
 * must carry the same Idempotency-Key every time. A 4xx is not retried: it throws at once.
 */
export async function sendUntilAccepted(
  label: string,
  send: () => Promise<ApiResponse>,
  opts: SendOptions,
): Promise<{ res: ApiResponse; attempts: number; firstAnswer: ApiResponse | undefined }> {
  const accepted = opts.accepted ?? [200, 201];
  const started = Date.now();
  let pause = opts.firstPauseMs ?? 200;
  let attempts = 0;
  let firstAnswer: ApiResponse | undefined;
  let last = 'no answer';
  for (;;) {
    attempts += 1;
    let res: ApiResponse | undefined;
    try {
      res = await send();
    } catch (err) {
      res = undefined;
      last = `no answer (${(err as Error).message})`;
    }
    opts.tally?.record(label, res);
    if (attempts === 1) firstAnswer = res;
    if (res && accepted.includes(res.status)) return { res, attempts, firstAnswer };
    if (res) {
      last = `${res.status} ${res.text.slice(0, 200)}`;
      if (res.status < 500) throw new Error(`${label}: refused with ${last}`);
    }
    if (Date.now() - started > opts.deadlineMs) {
      throw new Error(`${label}: not accepted within ${Math.round(opts.deadlineMs / 1000)} s after ${attempts} attempts; last answer: ${last}`);
    }
    await new Promise((r) => setTimeout(r, pause));
    pause = Math.min(pause * 2, 2000);
  }
}

/**
 * Poll `check` until it returns a truthy value; after `timeoutMs` throw `what` with the last
 * state `describe` gives (or the last error), so a failure names what did not happen.
 */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T> | T,
  timeoutMs: number,
  opts: { intervalMs?: number; describe?: () => Promise<string> | string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      lastError = (err as Error).message;
    }
    if (Date.now() > deadline) {
      let state = lastError;
      try {
        if (opts.describe) state = await opts.describe();
      } catch (err) {
        state = `${state} (describe failed: ${(err as Error).message})`;
      }
      throw new Error(`${what}: not within ${Math.round(timeoutMs / 1000)} s${state ? `; last: ${state}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 200));
  }
}

/**
 * A deadline from a measured duration: `factor` × `measuredMs` plus `extraMs`, never below
 * `minMs` nor above `maxMs`. A slow machine gets proportionally longer waits, up to a bound.
 */
export function derivedDeadline(measuredMs: number, opts: { factor: number; minMs: number; maxMs: number; extraMs?: number }): number {
  return Math.min(opts.maxMs, Math.max(opts.minMs, Math.round(opts.factor * measuredMs + (opts.extraMs ?? 0))));
}

/** Milliseconds `fn` took, with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = Date.now();
  const value = await fn();
  return { ms: Date.now() - started, value };
}

/** What an SMTP sink received, told apart by Message-ID (a resend after a crash keeps its id). */
export interface MailCopies {
  /** Copies received per Message-ID. */
  byMessageId: Map<string, number>;
  /** Message-IDs received more than once, with their count. */
  duplicates: [string, number][];
  /** Copies beyond the first, summed. */
  extraCopies: number;
  /** Same recipient and subject under different Message-IDs (a resend the reader cannot recognise). */
  unrecognisable: string[];
}

export function mailCopies(messages: readonly { envelope: { to: string[] }; parsed: { messageId?: string; subject?: string } }[]): MailCopies {
  const byMessageId = new Map<string, number>();
  const idsBySubject = new Map<string, Set<string>>();
  for (const m of messages) {
    const id = m.parsed.messageId ?? '(none)';
    byMessageId.set(id, (byMessageId.get(id) ?? 0) + 1);
    for (const to of m.envelope.to) {
      const key = `${to} | ${m.parsed.subject ?? ''}`;
      idsBySubject.set(key, (idsBySubject.get(key) ?? new Set()).add(id));
    }
  }
  const duplicates = [...byMessageId.entries()].filter(([, n]) => n > 1);
  return {
    byMessageId,
    duplicates,
    extraCopies: duplicates.reduce((n, [, c]) => n + c - 1, 0),
    unrecognisable: [...idsBySubject.entries()].filter(([, ids]) => ids.size > 1).map(([k, ids]) => `${k}: ${[...ids].join(', ')}`),
  };
}
