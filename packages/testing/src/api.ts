/** A small HTTP client for tests that talk to the gateway the way a browser or app would. */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  as(token: string): Api {
    return new Api(this.baseUrl, token);
  }

  /** Log in and return a client acting as that user. */
  async login(email: string, password: string): Promise<Api> {
    const res = await this.post('/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${res.text}`);
    return this.as(res.body.accessToken);
  }

  /**
   * A request that is safe to send again (GET, HEAD, or one carrying an Idempotency-Key, as the web
   * app's registrations do) is resent once when its connection was reset before an answer came,
   * as a browser or a careful client would: on a loaded machine a keep-alive connection can close
   * just as a request goes out on it. Anything else fails as it happened.
   */
  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const init = {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    };
    const repeatable = method === 'GET' || method === 'HEAD' || Object.keys(headers).some((h) => h.toLowerCase() === 'idempotency-key');
    const res = await fetch(this.baseUrl + path, init).catch((err: unknown) => {
      if (!repeatable || !connectionReset(err)) throw err;
      return fetch(this.baseUrl + path, init);
    });
    const text = await res.text();
    let parsed: unknown = text;
    if (/json/.test(res.headers.get('content-type') ?? '') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, text, headers: res.headers };
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  patch<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', path, body ?? {}, headers);
  }
  put<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, body ?? {}, headers);
  }
  delete<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, undefined, headers);
  }
}

/** fetch's error for a connection the other side closed or reset before it answered. */
function connectionReset(err: unknown): boolean {
  const code = (err as { cause?: { code?: string } }).cause?.code;
  // By name: under jest, fetch's TypeError comes from another realm than the test's.
  return (err as Error | undefined)?.name === 'TypeError' && (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE');
}
