import { useSyncExternalStore } from 'react';

/**
 * Requests that met an expired token wait here until the user logs in again in the dialog
 * (`ReloginDialog`), then are sent again; the page under the dialog stays as it was.
 */
type Waiter = { resolve: () => void; reject: (e: unknown) => void };
let waiting: Waiter[] = [];
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

export class LoginCancelled extends Error {
  constructor() {
    super('Вход отменён');
  }
}

/** Resolves once the user has logged in again; rejects if they chose to leave instead. */
export function reloginNeeded(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    waiting.push({ resolve, reject });
    if (waiting.length === 1) emit();
  });
}

export function reloginDone() {
  const w = waiting;
  waiting = [];
  emit();
  for (const x of w) x.resolve();
}

export function reloginAbandoned() {
  const w = waiting;
  waiting = [];
  emit();
  for (const x of w) x.reject(new LoginCancelled());
}

export function useReloginOpen(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => waiting.length > 0,
  );
}
