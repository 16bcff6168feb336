import { useSyncExternalStore } from 'react';

/**
 * The signed-in user's access token. Kept in sessionStorage: a reload keeps the session, closing
 * the tab ends it; the strict Content-Security-Policy keeps foreign scripts from reading it.
 */
const KEY = 'tochka.session';
const listeners = new Set<() => void>();

function read(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

let current = read();

function emit() {
  for (const l of listeners) l();
}

export const session = {
  token: () => current,
  signIn(token: string) {
    current = token;
    sessionStorage.setItem(KEY, token);
    emit();
  },
  signOut() {
    current = null;
    sessionStorage.removeItem(KEY);
    emit();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useToken(): string | null {
  return useSyncExternalStore(session.subscribe, session.token);
}
