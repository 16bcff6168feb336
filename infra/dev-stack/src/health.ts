/** The gateway's GET /health as the launcher sees it. */
export interface HealthReport {
  ok: boolean;
  /** HTTP status, when the gateway answered. */
  status?: number;
  /** Parsed JSON body: `{ status, services, checks, down, degraded, detail }`. */
  body?: { status?: string; services?: Record<string, string>; checks?: Record<string, string>; down?: string[]; degraded?: string[]; detail?: string };
  /** Why there is no answer (connection refused, timeout). */
  error?: string;
}

export async function fetchHealth(url: string, timeoutMs = 5000): Promise<HealthReport> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    const text = await res.text();
    let body: HealthReport['body'];
    try {
      body = JSON.parse(text) as HealthReport['body'];
    } catch {
      body = undefined;
    }
    return { ok: res.status === 200, status: res.status, body };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    return { ok: false, error: e.cause?.code ?? e.cause?.message ?? e.message };
  }
}

export interface WaitForHealthOptions {
  timeoutMs?: number;
  intervalMs?: number;
  signal?: AbortSignal;
}

/** Poll until /health answers 200; resolves with the last report (ok: false after the timeout or abort). */
export async function waitForHealth(url: string, opts: WaitForHealthOptions = {}): Promise<HealthReport> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  const interval = opts.intervalMs ?? 500;
  let last: HealthReport = { ok: false, error: 'не опрашивался' };
  while (!opts.signal?.aborted) {
    last = await fetchHealth(url, Math.max(1000, Math.min(5000, deadline - Date.now())));
    if (last.ok || Date.now() >= deadline) return last;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, interval);
      function done() {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', done);
        resolve();
      }
      opts.signal?.addEventListener('abort', done, { once: true });
    });
  }
  return last;
}

/** What is wrong, in one Russian sentence. */
export function describeHealth(report: HealthReport): string {
  if (report.ok) {
    const degraded = report.body?.degraded;
    return degraded?.length ? `работают с ограничениями: ${degraded.join('; ')}` : 'все сервисы работают';
  }
  if (report.status === undefined) return `шлюз не отвечает (${report.error ?? 'нет ответа'})`;
  const down = report.body?.down;
  if (down?.length) return `недоступны: ${down.join(', ')}`;
  return `шлюз ответил ${report.status}${report.body?.detail ? `: ${report.body.detail}` : ''}`;
}
