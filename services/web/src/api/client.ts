import createClient from 'openapi-fetch';
import { reloginNeeded } from '../features/auth/relogin';
import { session } from '../features/auth/session';
import { ApiProblem, OFFLINE, problemFrom } from './problem';
import type { paths } from './schema';

/**
 * Every request carries the session's token. A 401 on a request that had one (the 15-minute
 * token expired) opens the login dialog over the page — nothing on the page is lost — and the
 * same request is sent again once the user has logged in.
 */
async function authorisedFetch(request: Request): Promise<Response> {
  const again = request.clone();
  const send = (r: Request) => {
    const token = session.token();
    if (token) r.headers.set('Authorization', `Bearer ${token}`);
    return fetch(r).catch(() => {
      throw OFFLINE;
    });
  };
  const response = await send(request);
  if (response.status === 401 && session.token() && !request.url.endsWith('/api/auth/login')) {
    await reloginNeeded();
    return send(again);
  }
  return response;
}

export const api = createClient<paths>({ baseUrl: window.location.origin, fetch: authorisedFetch });

/** The data of an openapi-fetch answer, or its problem document thrown as an ApiProblem. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw await problemFrom(response, error);
  return data as T;
}

export { ApiProblem };
